namespace Platform.Fhir;

/// <summary>
/// The one base URL of the platform's local code systems and identifier systems (each listed in docs/fhir.md), for
/// concepts no LOINC, SNOMED CT or UCUM code is used for.
/// </summary>
public static class FhirCodeSystems
{
    public const string Base = "https://kap-platform.example/fhir/CodeSystem/";

    /// <summary>The canonical base of the instruments' questionnaires (QuestionnaireResponse.questionnaire).</summary>
    public const string Questionnaires = "https://kap-platform.example/fhir/Questionnaire/";
}
