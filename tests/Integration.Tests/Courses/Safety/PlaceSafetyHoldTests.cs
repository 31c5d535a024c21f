namespace Integration.Tests;

public class PlaceSafetyHoldTests
{
    private static readonly DateTimeOffset Now = FirstDose.AddDays(5);

    [Fact]
    public void Hold_id_is_the_same_when_the_same_command_is_decided_twice()
    {
        var course = Open();
        var command = AdverseEvent(AdverseEventSeverity.Serious, Now);

        var first = Decide(command, course, At(Now), Protocol).Events.OfType<HoldPlaced>().Single();
        var second = Decide(command, course, At(Now), Protocol).Events.OfType<HoldPlaced>().Single();

        Assert.Equal(first.HoldId, second.HoldId);
    }
}
