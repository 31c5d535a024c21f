namespace Platform.Commands;

/// <summary>
/// The one clock every service reads: the instant from <see cref="TimeProvider"/> (tests move it) and the clinic's time
/// zone from the shared protocol. Endpoints and consumers read it once per command and hand the result to Decide.
/// </summary>
public sealed class ClinicClock(TimeProvider time, ClinicalProtocol protocol)
{
    public TimeZoneInfo Zone { get; } = ClinicCalendar.Zone(protocol.TimeZoneId);

    /// <summary>How far back a command may date its facts (Http.OccurredAt).</summary>
    public TimeSpan BackEntryWindow { get; } = TimeSpan.FromDays(protocol.BackEntryWindowDays);

    public ClinicTime Now() => new(time.GetUtcNow(), Zone);

    public DateOnly Today => Now().Today;
}
