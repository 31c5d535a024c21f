namespace Integration.Tests;

public class HoldIntegrationSessionTests
{
    private static readonly DateTimeOffset Now = FirstDose.AddDays(3);

    [Fact]
    public void Integration_session_links_to_a_recorded_dosing_session()
    {
        var course = WithDoses(Open(), 1);
        var dosingId = course.DosingSessions[0].SessionId;
        var session = new HoldIntegrationSession(CourseId, Guid.NewGuid(), dosingId, Clinician, FirstDose.AddDays(1), ["grief"], "notes");

        var decision = Decide(session, course, At(FirstDose.AddDays(1)), Protocol);

        var held = Assert.IsType<IntegrationSessionHeld>(Assert.Single(decision.Events));
        Assert.Equal(dosingId, held.DosingSessionId);
        Assert.Empty(Decide(session, Apply(course, decision), At(FirstDose.AddDays(1)), Protocol).Events);
    }

    [Fact]
    public void Integration_session_for_an_unknown_dosing_session_or_before_the_dose_is_refused()
    {
        var course = WithDoses(Open(), 1);
        var unknown = new HoldIntegrationSession(CourseId, Guid.NewGuid(), Guid.NewGuid(), Clinician, FirstDose.AddDays(1), [], null);
        var early = unknown with { DosingSessionId = course.DosingSessions[0].SessionId, HeldAt = FirstDose.AddHours(-1) };

        Assert.Equal(RuleIds.UnknownDosingSession, Decide(unknown, course, At(FirstDose), Protocol).Rejection?.RuleId);
        Assert.Equal(RuleIds.IntegrationBeforeDosing, Decide(early, course, At(FirstDose), Protocol).Rejection?.RuleId);
    }

    [Fact]
    public void Integration_session_held_in_the_future_is_a_field_error()
    {
        var session = new HoldIntegrationSessionRequest(null, Now.AddMinutes(1), [], null);

        Assert.Contains("heldAt", session.Validate(Now).ToDictionary().Keys);
        Assert.False((session with { HeldAt = Now }).Validate(Now).Any);
    }
}
