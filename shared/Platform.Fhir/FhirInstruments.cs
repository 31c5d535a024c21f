using Platform.Instruments;

namespace Platform.Fhir;

/// <summary>
/// How every service codes a validated instrument in FHIR, so a client searching one code finds the baseline scores in
/// Screening and the outcomes in Integration alike.
/// </summary>
public static class FhirInstruments
{
    public const string Loinc = "http://loinc.org";

    /// <summary>The local instrument system: every instrument has a code here (its name: "PHQ-9", "C-SSRS").</summary>
    public const string InstrumentSystem = FhirCodeSystems.Base + "instrument";

    public const string ObservationCategorySystem = "http://terminology.hl7.org/CodeSystem/observation-category";

    /// <summary>
    /// LOINC total-score codes used only where the code is a total score for sure (the clinical reference's PHQ-9 and
    /// GAD-7 totals). C-SSRS's 93374-7 names a risk, not the count the service records, and PCL-5, MADRS, QIDS-SR16
    /// and CADSS-6 have no code there: they are coded in the local system alone until a terminology review.
    /// </summary>
    private static readonly Dictionary<InstrumentCode, string> LoincTotalDisplays = new() {
        [InstrumentCode.Phq9] = "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]",
        [InstrumentCode.Gad7] = "Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]",
    };

    /// <summary>The LOINC code of the instrument's total where certain, else null; what the approval contract carries too.</summary>
    public static string? LoincTotalCode(InstrumentCode instrument) =>
        LoincTotalDisplays.ContainsKey(instrument) ? InstrumentCatalog.Get(instrument).LoincTotalCode : null;

    /// <summary>The total score's code: LOINC where certain, always the local instrument code.</summary>
    public static CodeableConcept TotalCode(InstrumentCode instrument)
    {
        var definition = InstrumentCatalog.Get(instrument);
        List<Coding> codings = LoincTotalCode(instrument) is { } loinc
            ? [new Coding(Loinc, loinc, LoincTotalDisplays[instrument])]
            : [];
        codings.Add(new Coding(InstrumentSystem, definition.Name, definition.Name + " total score"));
        return new CodeableConcept { Coding = codings, Text = definition.Name + " total score" };
    }

    public static CodeableConcept SurveyCategory => new(ObservationCategorySystem, "survey", "Survey");

    /// <summary>The canonical URL of the instrument's questionnaire (a local canonical: the platform publishes no Questionnaire resources).</summary>
    public static string Questionnaire(InstrumentCode instrument) =>
        FhirCodeSystems.Questionnaires + InstrumentCatalog.Get(instrument).Name.ToLowerInvariant();

    /// <summary>A score as one survey Observation: the total, and the service's band as text (its own wording, not a guessed interpretation code).</summary>
    public static Observation Score(string id, InstrumentCode instrument, ResourceReference subject, DateTimeOffset at, int total, string band) => new() {
        Id = id,
        Status = ObservationStatus.Final,
        Category = [SurveyCategory],
        Code = TotalCode(instrument),
        Subject = subject,
        Effective = new FhirDateTime(at),
        Value = new Integer(total),
        Interpretation = [new CodeableConcept { Text = band }],
    };
}
