namespace Scheduling.Tests;

public class MarkSessionHeldTests
{
    [Fact]
    public void Preparation_completes_with_the_second_session_held_with_the_matched_therapist()
    {
        var course = Matched();
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        course = Apply(course,
            new SessionBooked(CourseId, first, SessionKind.Preparation, Now.AddHours(-3), Now.AddHours(-2), TherapistId, null, null, null, "v", Now.AddDays(-2)),
            new SessionBooked(CourseId, second, SessionKind.Preparation, Now.AddHours(-1), Now, TherapistId, null, null, null, "v", Now.AddDays(-2)));

        var afterFirst = MarkSessionHeld.Decide(new MarkSessionHeld(first), course, At(Now), Protocol);
        Assert.IsType<SessionHeld>(Assert.Single(afterFirst.Events));
        course = Apply(course, afterFirst);

        var afterSecond = MarkSessionHeld.Decide(new MarkSessionHeld(second), course, At(Now), Protocol);
        var completed = Assert.IsType<PreparationPhaseCompleted>(afterSecond.Events[1]);
        Assert.Equal(2, completed.SessionsHeld);
        Assert.True(Apply(course, afterSecond).IsPreparationComplete);
    }

    [Fact]
    public void Sessions_cannot_be_marked_held_before_they_start_and_dosing_is_never_marked_held()
    {
        var id = Guid.NewGuid();
        var course = Apply(Matched(), new SessionBooked(CourseId, id, SessionKind.Preparation, Now.AddHours(1), Now.AddHours(2), TherapistId, null, null, null, "v", Now));
        Rejected(MarkSessionHeld.Decide(new MarkSessionHeld(id), course, At(Now), Protocol), RuleIds.SessionNotStarted);

        var dosingId = Guid.NewGuid();
        Rejected(MarkSessionHeld.Decide(new MarkSessionHeld(dosingId), BookDosing(Prepared(), dosingId, Now.AddHours(-1)), At(Now), Protocol), RuleIds.WrongSessionKind);
    }
}
