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
