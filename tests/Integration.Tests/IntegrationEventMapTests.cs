namespace Integration.Tests;

public class IntegrationEventMapTests
{
    private static readonly DateTimeOffset Now = FirstDose.AddDays(5);

    [Fact]
    public void Hold_events_map_to_contracts_without_the_justification()
    {
        var held = Apply(Open(), Decide(AdverseEvent(AdverseEventSeverity.Serious, Now), Open(), At(Now), Protocol));
        var placed = held.Holds[0];
        var release = Decide(new ReleaseSafetyHold(CourseId, null, "secret clinical detail", Clinician), held, At(Now), Protocol);

        var contract = Assert.IsType<SafetyHoldReleased>(Published(release.Events[0]));
        Assert.Equal(placed.HoldId, contract.HoldId);
        Assert.Null(Published(new PregnancyReported(CourseId, Guid.NewGuid(), Now, Clinician, null)));
    }
}
