namespace Scheduling.Tests;

public class ApplySafetyHoldTests
{
    [Fact]
    public void Safety_hold_cancels_only_future_booked_dosing_sessions()
    {
        var inProgress = Guid.NewGuid();
        var future1 = Guid.NewGuid();
        var future2 = Guid.NewGuid();
        var integration = Guid.NewGuid();
        var course = DoseStartedAt(Prepared(), inProgress, Now.AddMinutes(-30));
        course = BookDosing(course, future1, Now.AddDays(2));
        course = BookDosing(course, future2, Now.AddDays(4));
        course = Apply(course, new SessionBooked(CourseId, integration, SessionKind.Integration, Now.AddDays(1), Now.AddDays(1).AddHours(1), TherapistId, null, null, null, "v", Now));
        var holdId = Guid.NewGuid();

        var decision = ApplySafetyHold.Decide(new ApplySafetyHold(holdId, "severe dissociation", Now), course, At(Now), Protocol);

        Assert.IsType<SafetyHoldApplied>(decision.Events[0]);
        var cancelled = decision.Events.OfType<BookingCancelled>().ToList();
        Assert.Equal(new[] { future1, future2 }.Order(), cancelled.Select(c => c.SessionId).Order());
        Assert.All(cancelled, c => Assert.Equal(holdId, c.SafetyHoldId));
        Assert.All(cancelled, c => Assert.Contains("severe dissociation", c.Reason));
        Assert.DoesNotContain(cancelled, c => c.SessionId == inProgress || c.SessionId == integration);

        var held = Apply(course, decision);
        Assert.Empty(ApplySafetyHold.Decide(new ApplySafetyHold(holdId, "duplicate", Now), held, At(Now), Protocol).Events);
        var lifted = LiftSafetyHold.Decide(new LiftSafetyHold(holdId, Now.AddDays(1)), held, At(Now.AddDays(1)), Protocol);
        Assert.False(Apply(held, lifted).IsOnHold);
    }
}
