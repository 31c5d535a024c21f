namespace Platform.Testing;

/// <summary>
/// The one test clock: starts at real time and only moves forward, so a course of weeks takes no real time while
/// bearer tokens (validated against real time) stay valid. Register it as the services' TimeProvider.
/// </summary>
public sealed class MovableClock : TimeProvider
{
    private long offsetTicks;

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow.AddTicks(Interlocked.Read(ref offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);

    /// <summary>Moves to the instant (never backwards).</summary>
    public void MoveTo(DateTimeOffset instant)
    {
        var delta = instant - GetUtcNow();
        if (delta > TimeSpan.Zero)
        {
            Advance(delta);
        }
    }
}

/// <summary>Instants for tests that date facts in the past and count clinic calendar days between them.</summary>
public static class ClinicDays
{
    /// <summary>
    /// Yesterday 16:00 UTC: late morning in the clinic's zone all year, so "now" minus whole days stays on the clinic day
    /// it names. Real "now" in the small hours UTC is the clinic's previous evening, and a DST change between two dates
    /// then moves one of them across midnight (15 days became 14 between 04:00 and 05:00 UTC).
    /// </summary>
    public static DateTimeOffset LateMorningYesterday => new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-1).AddHours(16);
}
