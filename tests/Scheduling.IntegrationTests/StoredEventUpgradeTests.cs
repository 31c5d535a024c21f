namespace Scheduling.IntegrationTests;

/// <summary>
/// The Scheduling event type whose shape changed is read by today's code from the JSON the earlier release stored: a
/// hold lifted before the prescriber's re-screening waiver existed reads as not waived (the safe side: the course may
/// not dose again without a new screening).
/// </summary>
public sealed class StoredEventUpgradeTests(SchedulingApp app) : IClassFixture<SchedulingApp>
{
    [Fact]
    public async Task A_hold_lifted_before_the_waiver_existed_reads_as_not_waived()
    {
        var course = Guid.NewGuid();
        var hold = Guid.NewGuid();
        var expected = new SafetyHoldLifted(course, hold, new DateTimeOffset(2026, 3, 2, 15, 30, 0, TimeSpan.Zero));

        var read = await StoredEvents.ReadBackAsync(
            app.Host.Store, expected, $$"""{"CourseId":"{{course}}","HoldId":"{{hold}}","ReleasedAt":"2026-03-02T15:30:00+00:00"}""");

        Assert.False(Assert.IsType<SafetyHoldLifted>(read).ReScreeningWaived);
        Assert.Equal(StoredEvents.Json(expected), StoredEvents.Json(read));
    }
}
