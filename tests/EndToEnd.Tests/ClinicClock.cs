namespace EndToEnd.Tests;

/// <summary>
/// One movable clock shared by the three services of a <see cref="Clinic"/>: it starts at real time and only moves
/// forward, so a course of six dosing sessions over two and a half weeks takes no real time. Bearer tokens are
/// validated against real time, which is why the clock never moves backwards from it.
/// </summary>
public sealed class ClinicClock : TimeProvider
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
