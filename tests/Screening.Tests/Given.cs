using Platform.Commands;
using Platform.ServiceDefaults.Identity;

namespace Screening.Tests;

/// <summary>A complete, safe screening to vary one fact at a time.</summary>
internal static class Given
{
    public static readonly DateTimeOffset Now = new(2026, 3, 15, 10, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly Today = new(2026, 3, 15);

    /// <summary>The clinic's clock at <see cref="Now"/>, in the clinic's (non-UTC) zone.</summary>
    public static readonly TimeZoneInfo Zone = ClinicCalendar.Zone("America/New_York");

    public static readonly ClinicTime Clock = ClinicTime.At(Now, Zone);

    public static readonly Guid Intake = Clinician.IdOf("intake");

    public static readonly Guid Prescriber = Clinician.IdOf("prescriber-1");

    public static readonly Guid System = Clinician.IdOf("system");

    public static ClinicTime At(DateTimeOffset utc) => ClinicTime.At(utc, Zone);
    public static readonly Guid ScreeningId = Guid.Parse("0195a1e2-0000-7000-8000-000000000001");
    public static readonly Guid PatientId = Guid.Parse("0195a1e2-0000-7000-8000-000000000002");

    public static ScreeningProtocol Protocol => ScreeningProtocol.Default;

    public static PatientIdentity Patient(DateOnly? birthDate = null) =>
        new("Alex Example", birthDate ?? new DateOnly(1985, 6, 1), "alex@example.org", null);

    public static MedicalHistory SafeMedicalHistory => new(
        Hypertension: false,
        HypertensionControlled: false,
        CardiovascularEvents: [],
        AneurysmalVascularDisease: false,
        ArteriovenousMalformation: false,
        IntracerebralHaemorrhage: false,
        HepaticImpairment: HepaticImpairment.None,
        InterstitialOrUlcerativeCystitis: false,
        Pregnant: false,
        Breastfeeding: false,
        KetamineHypersensitivity: false);

    public static PsychiatricHistory SafePsychiatricHistory => new(
        PsychosisSelf: false,
        PsychosisFirstDegreeRelative: false,
        BipolarDisorder: false,
        CurrentMania: false,
        OnMoodStabiliser: false,
        SubstanceUseDisorder: false,
        Substances: [],
        SubstanceLastUsedOn: null,
        KetamineOrPcpMisuseLastOn: null);

    public static PriorTreatments TreatmentResistantHistory => new(
        [new("sertraline", true, 8, 10), new("venlafaxine", true, 6, 20)],
        [new("CBT", 16)]);

    public static Vitals NormalVitals => new(122, 78, 70, 72.5m, Now.AddMinutes(-30));

    public static ScreeningReferred Referred(
        Indication indication = Indication.TreatmentResistantDepression,
        TreatmentRoute route = TreatmentRoute.IvKetamine,
        DateOnly? birthDate = null) =>
        new(ScreeningId, PatientId, "EXT-1", "Dr Referrer", indication, route, Patient(birthDate), System, Now.AddDays(-7));

    public static InstrumentAdministered Administered(InstrumentCode code, int[] items, bool? recentBehaviour = null)
    {
        var result = InstrumentScorer.Score(code, items, recentBehaviour).Result!;
        return new(ScreeningId, code, result.Name, result.Items, recentBehaviour, result.Total, result.Band, result.RiskLevel,
            result.LoincCode, Now.AddDays(-1), Given.Intake, Now.AddDays(-1));
    }

    public static IReadOnlyList<object> SafeIntakeEvents(ScreeningReferred referred) =>
    [
        referred,
        new MedicalHistoryRecorded(ScreeningId, SafeMedicalHistory, Given.Intake, Now.AddDays(-2)),
        new PsychiatricHistoryRecorded(ScreeningId, SafePsychiatricHistory, Given.Intake, Now.AddDays(-2)),
        new MedicationsRecorded(ScreeningId, [], Given.Intake, Now.AddDays(-2)),
        new PriorTreatmentsRecorded(ScreeningId, TreatmentResistantHistory, Given.Intake, Now.AddDays(-2)),
        new VitalsRecorded(ScreeningId, NormalVitals, Given.Intake, Now.AddDays(-1)),
        Administered(InstrumentCode.CssrsScreener, [0, 0, 0, 0, 0, 0]),
        Administered(InstrumentCode.Phq9, [2, 2, 2, 2, 2, 2, 2, 1, 0]),
        Administered(InstrumentCode.Gad7, [2, 2, 2, 2, 1, 1, 1]),
        Administered(InstrumentCode.Pcl5, Enumerable.Repeat(2, 20).ToArray()),
    ];

    /// <summary>Every fact recorded and safe: TRD, IV ketamine, 40 years old.</summary>
    public static ScreeningCase SafeCase(
        Indication indication = Indication.TreatmentResistantDepression,
        TreatmentRoute route = TreatmentRoute.IvKetamine,
        DateOnly? birthDate = null) =>
        Fold(SafeIntakeEvents(Referred(indication, route, birthDate)));

    public static ScreeningCase ReferredOnly() => Fold([Referred()]);

    /// <summary>The safe case signed off by the prescriber.</summary>
    public static ScreeningCase ApprovedCase() =>
        SafeCase().Then(ApproveScreening.Decide(new ApproveScreening(Guid.NewGuid(), Prescriber, null), SafeCase(), Clock, Protocol).Events);

    public static ScreeningCase Fold(IEnumerable<object> events) =>
        events.Aggregate((ScreeningCase?)null, ScreeningCase.Evolve)!;

    public static ScreeningCase Then(this ScreeningCase state, IEnumerable<object> events) =>
        events.Aggregate((ScreeningCase?)state, ScreeningCase.Evolve)!;

    public static EligibilityEvaluation Evaluate(this ScreeningCase screening, ScreeningProtocol? protocol = null) =>
        EligibilityEvaluator.Evaluate(screening, protocol ?? Protocol, Clock);

    public static EligibilityReason Reason(this ScreeningCase screening, string ruleId) =>
        Assert.Single(screening.Evaluate().Reasons, r => r.RuleId == ruleId);

    public static EligibilityOutcome OutcomeOf(this ScreeningCase screening, string ruleId) => screening.Reason(ruleId).Outcome;

    /// <summary>The case is eligible with exactly one condition, from <paramref name="ruleId"/>, whose text says <paramref name="words"/>.</summary>
    public static void AssertOnlyCondition(this ScreeningCase screening, string ruleId, string words)
    {
        var evaluation = screening.Evaluate();
        Assert.Equal(EligibilityOutcome.EligibleWithConditions, evaluation.Outcome);
        var condition = Assert.Single(evaluation.Conditions);
        Assert.Equal(ruleId, condition.RuleId);
        Assert.Contains(words, condition.Description, StringComparison.Ordinal);
    }

    public static ScreeningCase WithMedical(this ScreeningCase screening, Func<MedicalHistory, MedicalHistory> change) =>
        screening with { MedicalHistory = change(screening.MedicalHistory!) };

    public static ScreeningCase WithPsychiatric(this ScreeningCase screening, Func<PsychiatricHistory, PsychiatricHistory> change) =>
        screening with { PsychiatricHistory = change(screening.PsychiatricHistory!) };
}
