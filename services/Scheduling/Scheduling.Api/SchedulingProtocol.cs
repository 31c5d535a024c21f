namespace Scheduling.Api;

/// <summary>
/// The clinic's scheduling defaults. Bound from the configuration section "SchedulingProtocol"; every
/// decision event carries <see cref="Version"/> so an auditor can tell which numbers were applied.
/// </summary>
/// <remarks>
/// Only scalar properties and nested records: the configuration binder appends to pre-filled
/// collections instead of replacing them, which would silently double the defaults.
/// </remarks>
public sealed record SchedulingProtocol : IServiceProtocol<SchedulingProtocol>
{
    public const string SectionName = "SchedulingProtocol";

    public static SchedulingProtocol Default { get; } = new();

    public string Version { get; init; } = "scheduling-2025.1";

    /// <summary>The shared "Clinic" section, attached at start-up (<see cref="ProtocolConfiguration.AddServiceProtocol"/>).</summary>
    public ClinicalProtocol Clinic { get; init; } = ClinicalProtocol.Default;

    public SchedulingProtocol WithClinic(ClinicalProtocol clinic) => this with { Clinic = clinic };

    public int PreparationSessionsRequired { get; init; } = 2;

    public int PreparationBlockMinutes { get; init; } = 60;

    public int IntegrationBlockMinutes { get; init; } = 60;

    public int PreDoseMaxSystolic { get; init; } = 140;

    public int PreDoseMaxDiastolic { get; init; } = 90;

    /// <summary>A check-in older than this no longer proves the patient's state at dose start.</summary>
    public int CheckInValidMinutes { get; init; } = 60;

    /// <summary>A pre-dose reading older than this (at check-in) no longer describes the patient about to be dosed.</summary>
    public int PreDoseVitalsMaxAgeMinutes { get; init; } = 60;

    /// <summary>Check-in opens this long before the session starts and closes at the end of the block.</summary>
    public int CheckInOpensMinutesBeforeStart { get; init; } = 120;

    public int FortyMinuteVitalsAfterMinutes { get; init; } = 40;

    public int DischargeMinimumMinutesAfterDose { get; init; } = 120;

    public int RemsMonitoringDueDays { get; init; } = 7;

    public int LateCancellationHours { get; init; } = 24;

    public bool RequireAclsForMedicalProfessional { get; init; } = true;

    /// <summary>The ketamine routes keep <see cref="RouteProtocol"/>'s schedule (three a week, a day apart) and differ in dose cap.</summary>
    public RouteProtocol IvKetamine { get; init; } = new();

    public RouteProtocol ImKetamine { get; init; } = new() { MaxDoseMg = 200m };

    public RouteProtocol SublingualKetamine { get; init; } = new() { MaxDoseMg = 500m };

    /// <summary>Twice weekly in weeks 1-4, weekly in weeks 5-8 (8 + 4 sessions).</summary>
    public RouteProtocol EsketamineNasalSpray { get; init; } = new() {
        InductionWindowDays = 56,
        MinimumHoursBetweenDosing = 48,
        EarlyPhaseWeeks = 4,
        EarlyPhaseMaxDosingPerRolling7Days = 2,
        MaxDosingPerRolling7Days = 1,
        MaxDoseMg = 84m,
        DoseIncrementMg = 28m,
    };

    /// <summary>At most 2 per rolling 7 days and two days apart so an integration session fits between.</summary>
    public RouteProtocol KetamineAssistedPsychotherapy { get; init; } = new() {
        DosingBlockMinutes = 180,
        InductionWindowDays = 28,
        MinimumHoursBetweenDosing = 48,
        MaxDosingPerRolling7Days = 2,
        MaxDoseMg = 500m,
    };

    public RouteProtocol ForRoute(TreatmentRoute route) => route switch {
        TreatmentRoute.IvKetamine => IvKetamine,
        TreatmentRoute.ImKetamine => ImKetamine,
        TreatmentRoute.SublingualKetamine => SublingualKetamine,
        TreatmentRoute.EsketamineNasalSpray => EsketamineNasalSpray,
        TreatmentRoute.KetamineAssistedPsychotherapy => KetamineAssistedPsychotherapy,
        _ => throw new ArgumentOutOfRangeException(nameof(route), route, "unknown route"),
    };

    /// <summary>The block a dosing session must cover; never under two hours whatever the configuration says.</summary>
    public TimeSpan DosingBlockLength(TreatmentRoute route) =>
        TimeSpan.FromMinutes(Math.Max(RouteProtocol.MinimumDosingBlockMinutes, ForRoute(route).DosingBlockMinutes));

    public TimeZoneInfo ResolveTimeZone() => Clinic.Zone();

    /// <summary>Refuses settings that would make the clinic unsafe or the rules meaningless, naming each one.</summary>
    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        errors.Require(!string.IsNullOrWhiteSpace(Version), nameof(Version), "must be set: decision events carry it");
        errors.InRange(PreparationSessionsRequired, 0, 10, nameof(PreparationSessionsRequired));
        errors.InRange(PreparationBlockMinutes, 15, 240, nameof(PreparationBlockMinutes));
        errors.InRange(IntegrationBlockMinutes, 15, 240, nameof(IntegrationBlockMinutes));
        errors.InRange(PreDoseMaxSystolic, 90, 200, nameof(PreDoseMaxSystolic));
        errors.InRange(PreDoseMaxDiastolic, 50, 130, nameof(PreDoseMaxDiastolic));
        errors.InRange(CheckInValidMinutes, 5, 240, nameof(CheckInValidMinutes));
        errors.InRange(PreDoseVitalsMaxAgeMinutes, 5, 240, nameof(PreDoseVitalsMaxAgeMinutes));
        errors.InRange(CheckInOpensMinutesBeforeStart, 0, 720, nameof(CheckInOpensMinutesBeforeStart));
        errors.InRange(FortyMinuteVitalsAfterMinutes, 1, 120, nameof(FortyMinuteVitalsAfterMinutes));
        errors.InRange(DischargeMinimumMinutesAfterDose, 120, 720, nameof(DischargeMinimumMinutesAfterDose));
        errors.InRange(RemsMonitoringDueDays, 1, 30, nameof(RemsMonitoringDueDays));
        errors.InRange(LateCancellationHours, 0, 168, nameof(LateCancellationHours));
        foreach (var route in Enum.GetValues<TreatmentRoute>())
        {
            ForRoute(route).Validate(errors, route.ToString());
        }

        return errors;
    }

}

/// <summary>Per-route dosing settings; the defaults are the IV ketamine schedule.</summary>
public sealed record RouteProtocol
{
    /// <summary>Monitoring lasts at least 2 hours after the dose, so no dosing block may be shorter.</summary>
    public const int MinimumDosingBlockMinutes = 120;

    public int DosingBlockMinutes { get; init; } = 120;

    /// <summary>Advisory: the induction should fit in this many days from the first dose.</summary>
    public int InductionWindowDays { get; init; } = 21;

    /// <summary>Start-to-start distance between two dosing sessions.</summary>
    public int MinimumHoursBetweenDosing { get; init; } = 24;

    /// <summary>Limit per rolling 7 days once the early phase (if any) is over.</summary>
    public int MaxDosingPerRolling7Days { get; init; } = 3;

    /// <summary>Weeks, counted from the first dosing session, that use the early-phase limit; 0 = no early phase.</summary>
    public int EarlyPhaseWeeks { get; init; }

    public int EarlyPhaseMaxDosingPerRolling7Days { get; init; }

    /// <summary>Input sanity cap, not a prescribing rule: catches a typo such as 500 instead of 50.</summary>
    public decimal MaxDoseMg { get; init; } = 150m;

    /// <summary>Devices that deliver fixed amounts (esketamine: 28 mg per device); 0 = any amount.</summary>
    public decimal DoseIncrementMg { get; init; }

    internal void Validate(FieldErrors errors, string route)
    {
        errors.InRange(DosingBlockMinutes, MinimumDosingBlockMinutes, CourseInput.MaxSessionMinutes, $"{route}:{nameof(DosingBlockMinutes)}");
        errors.InRange(InductionWindowDays, 1, 120, $"{route}:{nameof(InductionWindowDays)}");
        errors.InRange(MinimumHoursBetweenDosing, 1, 168, $"{route}:{nameof(MinimumHoursBetweenDosing)}");
        errors.InRange(MaxDosingPerRolling7Days, 1, 7, $"{route}:{nameof(MaxDosingPerRolling7Days)}");
        errors.InRange(EarlyPhaseWeeks, 0, 12, $"{route}:{nameof(EarlyPhaseWeeks)}");
        if (EarlyPhaseWeeks > 0)
        {
            errors.InRange(EarlyPhaseMaxDosingPerRolling7Days, 1, 7, $"{route}:{nameof(EarlyPhaseMaxDosingPerRolling7Days)}");
        }

        errors.Require(MaxDoseMg > 0 && MaxDoseMg <= 1000, $"{route}:{nameof(MaxDoseMg)}", "must be between 0 and 1000 mg");
        errors.Require(DoseIncrementMg >= 0 && DoseIncrementMg <= MaxDoseMg, $"{route}:{nameof(DoseIncrementMg)}", "must be between 0 and the route's MaxDoseMg");
    }

    /// <summary>The rolling-7-day limit for a dosing session in the given course week (1-based).</summary>
    public int WeeklyLimitForWeek(int week) =>
        EarlyPhaseWeeks > 0 && week <= EarlyPhaseWeeks ? EarlyPhaseMaxDosingPerRolling7Days : MaxDosingPerRolling7Days;
}
