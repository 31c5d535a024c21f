namespace Integration.Tests;

/// <summary>Scheduling's DosingStarted makes the session known while the dose is in progress.</summary>
public class RecordDosingStartTests
{
    private static readonly DateTimeOffset Now = FirstDose.AddDays(5);

    [Fact]
    public void An_adverse_event_may_name_a_dosing_session_in_progress_and_still_not_an_unknown_one()
    {
        var sessionId = Guid.NewGuid();
        var started = Apply(Open(), RecordDosingStart.Decide(new RecordDosingStart(CourseId, sessionId, Now.AddMinutes(-30)), Open(), At(Now)));

        var during = Decide(AdverseEvent(AdverseEventSeverity.Serious, Now, dosingSessionId: sessionId), started, At(Now), Protocol);
        var unknown = Decide(AdverseEvent(AdverseEventSeverity.Serious, Now, dosingSessionId: Guid.NewGuid()), started, At(Now), Protocol);

        Assert.Equal(sessionId, Assert.IsType<AdverseEventRecorded>(during.Events[0]).DosingSessionId);
        Assert.Single(during.Events.OfType<HoldPlaced>());
        Assert.Equal(RuleIds.UnknownDosingSession, unknown.Rejection?.RuleId);
        Assert.Empty(started.DosingSessions);
    }

    [Fact]
    public void A_start_is_recorded_once_and_not_after_its_completion_overtook_it()
    {
        var sessionId = Guid.NewGuid();
        var command = new RecordDosingStart(CourseId, sessionId, Now);
        var started = Apply(Open(), RecordDosingStart.Decide(command, Open(), At(Now)));

        Assert.Empty(RecordDosingStart.Decide(command, started, At(Now)).Events);
        var completed = WithDoses(Open(), 1);
        var late = new RecordDosingStart(CourseId, completed.DosingSessions[0].SessionId, Now);
        Assert.Empty(RecordDosingStart.Decide(late, completed, At(Now)).Events);
        Assert.Equal(RuleIds.CourseNotOpen, RecordDosingStart.Decide(command, null, At(Now)).Rejection?.RuleId);
    }
}
