using Hl7.Fhir.Model;
using Platform.Fhir;
using Task = System.Threading.Tasks.Task;

namespace Screening.Api.Fhir;

/// <summary>
/// FHIR Condition: each condition the intake's medical and psychiatric histories record as present (a "no" answer is
/// not a condition and is not listed), as a problem-list item. SNOMED CT codes only where the concept is certain
/// (hypertension, psychotic disorder, bipolar disorder, pregnancy); every condition has its local code, the name of
/// the history answer it comes from. A family history of psychosis is the relative's, not the patient's: it is not
/// a Condition.
/// </summary>
public static class FhirConditions
{
    public static readonly string[] SearchParameters = ["patient", "subject", "code"];

    public const string Snomed = "http://snomed.info/sct";

    private static readonly Dictionary<string, (string Code, string Display)> SnomedCodes = new() {
        ["hypertension"] = ("38341003", "Hypertensive disorder, systemic arterial"),
        ["psychosis"] = ("69322001", "Psychotic disorder"),
        ["bipolar-disorder"] = ("13746004", "Bipolar disorder"),
        ["pregnancy"] = ("77386006", "Pregnancy"),
    };

    public static IEndpointRouteBuilder MapFhirConditions(this IEndpointRouteBuilder fhir)
    {
        fhir.MapGet("/Condition/{conditionId}", (string conditionId, IQuerySession session, HttpContext http, CancellationToken ct) =>
                ScreeningFhir.ReadAsync("Condition", conditionId, string.Empty, Of, session, http, ct))
            .AsQuery(ScreeningFhir.Tag, "FHIR read of a condition the intake recorded (id = {screeningId}-{condition})", ScreeningFhir.ClinicalRoles);
        fhir.MapGet("/Condition", (IQuerySession session, HttpContext http, CancellationToken ct) =>
                ScreeningFhir.SearchAsync(http, session, SearchParameters, Of, Filter, ct))
            .AsQuery(ScreeningFhir.Tag, "FHIR search of a patient's recorded conditions: patient/subject (required), code (system|code), _count", ScreeningFhir.ClinicalRoles);
        return fhir;
    }

    private static Func<Condition, bool> Filter(FhirSearch search, FieldErrors errors)
    {
        var code = search.Token("code", errors);
        return c => code is null || code.Matches(c.Code);
    }

    internal static IEnumerable<Condition> Of(ScreeningCase screening)
    {
        var present = new List<(string Code, string Text)>();
        if (screening.MedicalHistory is { } medical)
        {
            Add(medical.Hypertension, "hypertension", medical.HypertensionControlled ? "Hypertension (controlled)" : "Hypertension (not controlled)");
            foreach (var (e, i) in medical.CardiovascularEvents.Select((e, i) => (e, i)))
            {
                present.Add(($"cardiovascular-{i + 1}", $"{FhirText.Words(e.Kind.ToString())} on {e.OccurredOn:yyyy-MM-dd}, {(e.CurrentlyStable ? "stable" : "not stable")}"));
            }

            Add(medical.AneurysmalVascularDisease, "aneurysmal-vascular-disease", "Aneurysmal vascular disease");
            Add(medical.ArteriovenousMalformation, "arteriovenous-malformation", "Arteriovenous malformation");
            Add(medical.IntracerebralHaemorrhage, "intracerebral-haemorrhage", "Intracerebral haemorrhage");
            Add(medical.HepaticImpairment != HepaticImpairment.None, "hepatic-impairment", $"Hepatic impairment ({medical.HepaticImpairment.ToString().ToLowerInvariant()})");
            Add(medical.InterstitialOrUlcerativeCystitis, "cystitis", "Interstitial or ulcerative cystitis");
            Add(medical.Pregnant, "pregnancy", "Pregnancy");
        }

        if (screening.PsychiatricHistory is { } psychiatric)
        {
            Add(psychiatric.PsychosisSelf, "psychosis", "Psychotic disorder");
            Add(psychiatric.BipolarDisorder, "bipolar-disorder", "Bipolar disorder");
            Add(psychiatric.CurrentMania, "mania", "Current mania");
            Add(psychiatric.SubstanceUseDisorder, "substance-use-disorder",
                psychiatric.Substances.Count == 0 ? "Substance use disorder" : $"Substance use disorder ({string.Join(", ", psychiatric.Substances)})");
        }

        return present.Select(p => new Condition {
            Id = ScreeningFhir.Id(string.Empty, screening.Id, p.Code),
            ClinicalStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-clinical", "active"),
            VerificationStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed"),
            Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item", "Problem List Item")],
            Code = CodeOf(p.Code, p.Text),
            Subject = FhirElements.Patient(screening.PatientId),
        });

        void Add(bool isPresent, string code, string text)
        {
            if (isPresent)
            {
                present.Add((code, text));
            }
        }
    }

    private static CodeableConcept CodeOf(string local, string text)
    {
        var localCode = local.StartsWith("cardiovascular-", StringComparison.Ordinal) ? "cardiovascular-event" : local;
        List<Coding> codings = SnomedCodes.TryGetValue(localCode, out var snomed) ? [new Coding(Snomed, snomed.Code, snomed.Display)] : [];
        codings.Add(new Coding(ScreeningFhir.ConditionSystem, localCode));
        return new CodeableConcept { Coding = codings, Text = text };
    }
}
