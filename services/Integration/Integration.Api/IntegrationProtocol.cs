namespace Integration.Api;

/// <summary>
/// Integration's own outcome thresholds (section <see cref="SectionName"/>). Every decision that depends on a threshold
/// takes this record so a clinic can change its protocol through configuration, and every stored fact names the
/// version it was judged under. The settings shared with the other services (integration window, blood-pressure rise,
/// induction length, time zone) are in the shared "Clinic" section (<see cref="ClinicalProtocol"/>), never here.
/// </summary>
public sealed record IntegrationProtocol : IServiceProtocol<IntegrationProtocol>
{
    public const string SectionName = "IntegrationProtocol";

    public static IntegrationProtocol Default { get; } = new();

    /// <summary>The shared "Clinic" section, attached at start-up (<see cref="ProtocolConfiguration.AddServiceProtocol"/>).</summary>
    public ClinicalProtocol Clinic { get; init; } = ClinicalProtocol.Default;

    public IntegrationProtocol WithClinic(ClinicalProtocol clinic) => this with { Clinic = clinic };

    public string Version { get; init; } = "integration-outcome-v1";

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

    /// <summary>Checked at start-up so a typo in configuration fails fast instead of silently changing clinical thresholds.</summary>
    public FieldErrors Validate()
    {
        return new FieldErrors()
            .Require(!string.IsNullOrWhiteSpace(Version), nameof(Version), "must not be empty")
            .InRange(ResponseDropPercent, 1, 100, nameof(ResponseDropPercent))
            .InRange(Phq9RemissionBelow, 1, 27, nameof(Phq9RemissionBelow))
            .InRange(MadrsRemissionAtMost, 0, 60, nameof(MadrsRemissionAtMost))
            .InRange(QidsRemissionAtMost, 0, 27, nameof(QidsRemissionAtMost))
            .InRange(Phq9WorseningPoints, 1, 27, nameof(Phq9WorseningPoints))
            .InRange(FourWeekCheckDay, 1, 365, nameof(FourWeekCheckDay))
            .InRange(FourWeekCheckDaysBefore, 0, 28, nameof(FourWeekCheckDaysBefore))
            .InRange(FourWeekCheckDaysAfter, 0, 28, nameof(FourWeekCheckDaysAfter));
    }
}
