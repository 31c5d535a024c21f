namespace Screening.Api.Domain;

/// <summary>
/// The clinic's screening thresholds. Bound from the "ClinicProtocol" configuration section so a clinic
/// changes numbers without code; every decision records <see cref="Version"/>. Defaults follow the
/// clinical reference, section 2.
/// </summary>
public sealed class ClinicProtocol
{
    public const string SectionName = "ClinicProtocol";

    public string Version { get; set; } = "2026.1";

    /// <summary>Resting BP above systolic/diastolic needs medical clearance.</summary>
    public int BpClearanceSystolic { get; set; } = 140;

    public int BpClearanceDiastolic { get; set; } = 90;

    /// <summary>Systolic above this is ineligible until controlled.</summary>
    public int BpIneligibleSystolic { get; set; } = 160;

    public int SubstanceAbstinenceMonths { get; set; } = 12;

    public int KetamineMisuseLookbackMonths { get; set; } = 12;

    public decimal BenzodiazepineLimitDiazepamEqMgPerDay { get; set; } = 8m;

    public int TrdMinAdequateTrials { get; set; } = 2;

    public int TrdMinTrialWeeks { get; set; } = 4;

    /// <summary>A trial counts as failed only below this improvement.</summary>
    public int TrdMaxImprovementPercent { get; set; } = 25;

    public int EsketamineConditionAge { get; set; } = 65;

    public int EsketamineStartDoseMg { get; set; } = 28;

    public int ApprovalValidityDays { get; set; } = 90;

    public int CssrsBehaviourWindowMonths { get; set; } = 3;

    /// <summary>
    /// Not in the reference (it says "recent" only): a cardiovascular or cerebrovascular event this recent
    /// counts as unstable whatever the clinician marked.
    /// </summary>
    public int RecentCardiovascularEventMonths { get; set; } = 6;

    /// <summary>A fresh instance each time, so configuring one never changes another.</summary>
    public static ClinicProtocol Default => new();
}
