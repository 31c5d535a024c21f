using Platform.Contracts;

namespace Platform.Commands;

/// <summary>
/// The clinical settings more than one service applies, in one versioned configuration section ("Clinic") read by all
/// three, so the induction length, the integration window and the blood-pressure thresholds can never disagree.
/// Each service's own thresholds stay in its own protocol section.
/// </summary>
/// <remarks>
/// Induction: IV, IM and sublingual ketamine and KAP commonly six sessions; esketamine nasal spray's label induction is
/// twice weekly in weeks 1-4 then weekly in weeks 5-8 (8 + 4 = 12 dosing sessions). Integration is due within 24-48 h
/// (reference), 72 h at the latest. A rise of 40 systolic / 25 diastolic over pre-dose is flagged (reference 4).
/// Only scalar properties: the configuration binder appends to pre-filled collections instead of replacing them.
/// </remarks>
public sealed record ClinicalProtocol : IValidatedProtocol
{
    public const string SectionName = "Clinic";

    public static ClinicalProtocol Default { get; } = new();

    public string Version { get; init; } = "clinic-2026.1";

    /// <summary>IANA id of the clinic's time zone: "today", ages and local availability are read in it.</summary>
    public string TimeZoneId { get; init; } = "America/New_York";

    public int IntegrationWindowHours { get; init; } = 72;

    public int BloodPressureRiseSystolic { get; init; } = 40;

    public int BloodPressureRiseDiastolic { get; init; } = 25;

    public int IvKetamineInductionSessions { get; init; } = 6;

    public int ImKetamineInductionSessions { get; init; } = 6;

    public int SublingualKetamineInductionSessions { get; init; } = 6;

    public int EsketamineNasalSprayInductionSessions { get; init; } = 12;

    public int KetamineAssistedPsychotherapyInductionSessions { get; init; } = 6;

    /// <summary>How far back a command may date its facts (the Occurred-At header): paper records of the last quarter.</summary>
    public int BackEntryWindowDays { get; init; } = 90;

    /// <summary>
    /// How many years a patient's records must be kept after their last treatment, and after their 18th birthday for a
    /// minor (state law sets 6 to 10 or more): an erasure before that needs a legal basis the privacy officer records.
    /// </summary>
    public int RecordRetentionYears { get; init; } = 10;

    public TimeSpan IntegrationWindow => TimeSpan.FromHours(IntegrationWindowHours);

    public int InductionSessionsFor(TreatmentRoute route) => route switch {
        TreatmentRoute.IvKetamine => IvKetamineInductionSessions,
        TreatmentRoute.ImKetamine => ImKetamineInductionSessions,
        TreatmentRoute.SublingualKetamine => SublingualKetamineInductionSessions,
        TreatmentRoute.EsketamineNasalSpray => EsketamineNasalSprayInductionSessions,
        TreatmentRoute.KetamineAssistedPsychotherapy => KetamineAssistedPsychotherapyInductionSessions,
        _ => throw new ArgumentOutOfRangeException(nameof(route), route, "unknown treatment route"),
    };

    /// <summary>True when the reading rose over the pre-dose one by at least a configured threshold.</summary>
    public bool IsBloodPressureRise(int preSystolic, int preDiastolic, int systolic, int diastolic) =>
        systolic - preSystolic >= BloodPressureRiseSystolic || diastolic - preDiastolic >= BloodPressureRiseDiastolic;

    public FieldErrors Validate()
    {
        var errors = new FieldErrors()
            .Require(!string.IsNullOrWhiteSpace(Version), nameof(Version), "must not be empty")
            .Require(TimeZoneInfo.TryFindSystemTimeZoneById(TimeZoneId ?? string.Empty, out _), nameof(TimeZoneId), "must be a known IANA time zone id")
            .InRange(IntegrationWindowHours, 1, 24 * 14, nameof(IntegrationWindowHours))
            .InRange(BackEntryWindowDays, 0, 366, nameof(BackEntryWindowDays))
            .InRange(RecordRetentionYears, 6, 100, nameof(RecordRetentionYears))
            .InRange(BloodPressureRiseSystolic, 1, 200, nameof(BloodPressureRiseSystolic))
            .InRange(BloodPressureRiseDiastolic, 1, 200, nameof(BloodPressureRiseDiastolic));
        foreach (var route in Enum.GetValues<TreatmentRoute>())
        {
            errors.InRange(InductionSessionsFor(route), 1, 52, $"{route}InductionSessions");
        }

        return errors;
    }

    public TimeZoneInfo Zone() => ClinicCalendar.Zone(TimeZoneId);
}
