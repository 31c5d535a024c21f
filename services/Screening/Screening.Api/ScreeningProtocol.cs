using Platform.Commands;

namespace Screening.Api;

/// <summary>
/// The clinic's screening thresholds, bound from the "ScreeningProtocol" section so a clinic changes numbers without
/// code; every decision records <see cref="Version"/>. Defaults follow the clinical reference, section 2. Settings
/// other services share (time zone, blood-pressure rise) live in the shared "Clinic" section.
/// </summary>
public sealed record ScreeningProtocol : IServiceProtocol<ScreeningProtocol>
{
    public const string SectionName = "ScreeningProtocol";

    public static ScreeningProtocol Default { get; } = new();

    /// <summary>The shared "Clinic" section, attached at start-up (<see cref="ProtocolConfiguration.AddServiceProtocol"/>).</summary>
    public ClinicalProtocol Clinic { get; init; } = ClinicalProtocol.Default;

    public ScreeningProtocol WithClinic(ClinicalProtocol clinic) => this with { Clinic = clinic };

    public string Version { get; init; } = "2026.1";

    /// <summary>Resting BP above systolic/diastolic needs medical clearance.</summary>
    public int BpClearanceSystolic { get; init; } = 140;

    public int BpClearanceDiastolic { get; init; } = 90;

    /// <summary>Systolic above this is ineligible until controlled.</summary>
    public int BpIneligibleSystolic { get; init; } = 160;

    public int SubstanceAbstinenceMonths { get; init; } = 12;

    public int KetamineMisuseLookbackMonths { get; init; } = 12;

    public decimal BenzodiazepineLimitDiazepamEqMgPerDay { get; init; } = 8m;

    public int TrdMinAdequateTrials { get; init; } = 2;

    public int TrdMinTrialWeeks { get; init; } = 4;

    /// <summary>A trial counts as failed only below this improvement.</summary>
    public int TrdMaxImprovementPercent { get; init; } = 25;

    public int EsketamineConditionAge { get; init; } = 65;

    public int EsketamineStartDoseMg { get; init; } = 28;

    public int ApprovalValidityDays { get; init; } = 90;

    public int CssrsBehaviourWindowMonths { get; init; } = 3;

    /// <summary>
    /// Not in the reference (it says "recent" only): a cardiovascular or cerebrovascular event this recent
    /// counts as unstable whatever the clinician marked.
    /// </summary>
    public int RecentCardiovascularEventMonths { get; init; } = 6;

    /// <summary>Not in the reference: an instrument older than this many days no longer counts as the baseline.</summary>
    public int InstrumentMaxAgeDays { get; init; } = 30;

    /// <summary>Not in the reference: vitals older than this many days no longer count for eligibility.</summary>
    public int VitalsMaxAgeDays { get; init; } = 90;

    public FieldErrors Validate() =>
        new FieldErrors()
            .Require(!string.IsNullOrWhiteSpace(Version), nameof(Version), "must not be empty")
            .InRange(BpClearanceSystolic, 90, 250, nameof(BpClearanceSystolic))
            .InRange(BpClearanceDiastolic, 50, 150, nameof(BpClearanceDiastolic))
            .InRange(BpIneligibleSystolic, BpClearanceSystolic, 260, nameof(BpIneligibleSystolic))
            .InRange(SubstanceAbstinenceMonths, 0, 120, nameof(SubstanceAbstinenceMonths))
            .InRange(KetamineMisuseLookbackMonths, 0, 120, nameof(KetamineMisuseLookbackMonths))
            .Require(BenzodiazepineLimitDiazepamEqMgPerDay is >= 0m and <= 100m, nameof(BenzodiazepineLimitDiazepamEqMgPerDay), "must be between 0 and 100")
            .InRange(TrdMinAdequateTrials, 1, 10, nameof(TrdMinAdequateTrials))
            .InRange(TrdMinTrialWeeks, 1, 52, nameof(TrdMinTrialWeeks))
            .InRange(TrdMaxImprovementPercent, 1, 100, nameof(TrdMaxImprovementPercent))
            .InRange(EsketamineConditionAge, 18, 120, nameof(EsketamineConditionAge))
            .InRange(EsketamineStartDoseMg, 14, 84, nameof(EsketamineStartDoseMg))
            .InRange(ApprovalValidityDays, 1, 365, nameof(ApprovalValidityDays))
            .InRange(CssrsBehaviourWindowMonths, 1, 60, nameof(CssrsBehaviourWindowMonths))
            .InRange(RecentCardiovascularEventMonths, 0, 120, nameof(RecentCardiovascularEventMonths))
            .InRange(InstrumentMaxAgeDays, 1, 365, nameof(InstrumentMaxAgeDays))
            .InRange(VitalsMaxAgeDays, 1, 365, nameof(VitalsMaxAgeDays));
}
