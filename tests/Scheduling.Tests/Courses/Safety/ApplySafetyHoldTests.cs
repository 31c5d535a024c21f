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

    [Fact]
    public void A_hold_whose_release_came_first_is_not_applied_and_cancels_nothing()
    {
        var future = Guid.NewGuid();
        var course = BookDosing(Prepared(), future, Now.AddDays(2));
        var holdId = Guid.NewGuid();
        var release = LiftSafetyHold.Decide(new LiftSafetyHold(holdId, Now), course, At(Now), Protocol);
        var released = Apply(course, release);
        Assert.IsType<SafetyHoldLifted>(Assert.Single(release.Events));
        Assert.Equal(holdId, released.ReScreeningRequiredAfterHold);
        Assert.Empty(LiftSafetyHold.Decide(new LiftSafetyHold(holdId, Now), released, At(Now), Protocol).Events);

        var late = ApplySafetyHold.Decide(new ApplySafetyHold(holdId, "serious adverse event", Now.AddHours(-1)), released, At(Now), Protocol);

        Assert.Empty(late.Events);
        Assert.False(Apply(released, new SafetyHoldApplied(CourseId, holdId, "serious adverse event", Now.AddHours(-1), Now)).IsOnHold);
    }

    [Fact]
    public void Another_hold_after_a_release_still_cancels_the_future_dosing_sessions()
    {
        var future = Guid.NewGuid();
        var released = Apply(BookDosing(Prepared(), future, Now.AddDays(2)), new SafetyHoldLifted(CourseId, Guid.NewGuid(), Now, ReScreeningWaived: true));

        var other = ApplySafetyHold.Decide(new ApplySafetyHold(Guid.NewGuid(), "pregnancy reported", Now), released, At(Now), Protocol);

        Assert.IsType<SafetyHoldApplied>(other.Events[0]);
        Assert.Equal(future, Assert.Single(other.Events.OfType<BookingCancelled>()).SessionId);
        Assert.True(Apply(released, other).IsOnHold);
    }
}
