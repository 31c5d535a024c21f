using Platform.Contracts;
using Platform.ServiceDefaults.Domain;

namespace Integration.Api.Domain;

/// <summary>
/// The clinic's outcome defaults. Every decision that depends on a threshold takes this record so a clinic can
/// change its protocol through configuration (section <see cref="SectionName"/>) and every stored fact names the
/// version it was judged under.
/// </summary>
/// <remarks>
/// Induction series lengths: IV and IM ketamine are commonly six treatments over two to three weeks; esketamine nasal
/// spray's label induction is twice weekly for four weeks (eight); sublingual and ketamine-assisted psychotherapy
/// protocols vary (three to six dosing sessions), so six is the default and a clinic with a shorter KAP series lowers it.
/// </remarks>
public sealed record OutcomeProtocol
{
    public const string SectionName = "OutcomeProtocol";

    public static OutcomeProtocol Default { get; } = new();

    public string Version { get; init; } = "integration-outcome-v1";

    /// <summary>Reference practice is 24-48 h; 72 h leaves room for weekends before a session counts as overdue.</summary>
    public int IntegrationWindowHours { get; init; } = 72;

    public int ResponseDropPercent { get; init; } = 50;

    /// <summary>PHQ-9 remission is strictly below this total.</summary>
    public int Phq9RemissionBelow { get; init; } = 5;

    public int MadrsRemissionAtMost { get; init; } = 10;

    public int QidsRemissionAtMost { get; init; } = 5;

    /// <summary>A PHQ-9 this many points or more above baseline raises a review flag.</summary>
    public int Phq9WorseningPoints { get; init; } = 5;

    public int FourWeekCheckDay { get; init; } = 28;

    /// <summary>How early a measurement may be and still stand for the four-week status.</summary>
    public int FourWeekCheckDaysBefore { get; init; } = 7;

    /// <summary>How late a measurement may be: clinics measure at the next visit, usually within a few days.</summary>
    public int FourWeekCheckDaysAfter { get; init; } = 3;

    /// <summary>Blood-pressure rise over the pre-dose reading that the dosing summary flags (clinical reference 4).</summary>
    public int BloodPressureRiseSystolic { get; init; } = 40;

    public int BloodPressureRiseDiastolic { get; init; } = 25;

    public int IvKetamineInductionDoses { get; init; } = 6;

    public int ImKetamineInductionDoses { get; init; } = 6;

    public int SublingualKetamineInductionDoses { get; init; } = 6;

    public int EsketamineNasalSprayInductionDoses { get; init; } = 8;

    public int KetamineAssistedPsychotherapyInductionDoses { get; init; } = 6;

    public TimeSpan IntegrationWindow => TimeSpan.FromHours(IntegrationWindowHours);

    public int InductionDosesFor(TreatmentRoute route) => route switch
    {
        TreatmentRoute.IvKetamine => IvKetamineInductionDoses,
        TreatmentRoute.ImKetamine => ImKetamineInductionDoses,
        TreatmentRoute.SublingualKetamine => SublingualKetamineInductionDoses,
        TreatmentRoute.EsketamineNasalSpray => EsketamineNasalSprayInductionDoses,
        TreatmentRoute.KetamineAssistedPsychotherapy => KetamineAssistedPsychotherapyInductionDoses,
        _ => throw new ArgumentOutOfRangeException(nameof(route), route, "unknown treatment route"),
    };

    /// <summary>Checked at start-up so a typo in configuration fails fast instead of silently changing clinical thresholds.</summary>
    public FieldErrors Validate()
    {
        var errors = new FieldErrors()
            .Require(!string.IsNullOrWhiteSpace(Version), nameof(Version), "must not be empty")
            .InRange(IntegrationWindowHours, 1, 24 * 14, nameof(IntegrationWindowHours))
            .InRange(ResponseDropPercent, 1, 100, nameof(ResponseDropPercent))
            .InRange(Phq9RemissionBelow, 1, 27, nameof(Phq9RemissionBelow))
            .InRange(MadrsRemissionAtMost, 0, 60, nameof(MadrsRemissionAtMost))
            .InRange(QidsRemissionAtMost, 0, 27, nameof(QidsRemissionAtMost))
            .InRange(Phq9WorseningPoints, 1, 27, nameof(Phq9WorseningPoints))
            .InRange(FourWeekCheckDay, 1, 365, nameof(FourWeekCheckDay))
            .InRange(FourWeekCheckDaysBefore, 0, 28, nameof(FourWeekCheckDaysBefore))
            .InRange(FourWeekCheckDaysAfter, 0, 28, nameof(FourWeekCheckDaysAfter))
            .InRange(BloodPressureRiseSystolic, 1, 200, nameof(BloodPressureRiseSystolic))
            .InRange(BloodPressureRiseDiastolic, 1, 200, nameof(BloodPressureRiseDiastolic));
        foreach (var route in Enum.GetValues<TreatmentRoute>())
        {
            errors.InRange(InductionDosesFor(route), 1, 52, $"{route}InductionDoses");
        }

        return errors;
    }
}
