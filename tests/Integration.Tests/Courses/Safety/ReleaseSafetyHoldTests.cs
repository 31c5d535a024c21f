namespace Integration.Tests;

public class ReleaseSafetyHoldTests
{
    private static readonly DateTimeOffset Now = FirstDose.AddDays(5);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Release_without_justification_is_refused(string justification)
    {
        var held = Apply(Open(), Decide(AdverseEvent(AdverseEventSeverity.Serious, Now), Open(), At(Now), Protocol, Clinic));

        var decision = Decide(new ReleaseSafetyHold(CourseId, null, justification, Clinician), held, At(Now), Protocol, Clinic);

        Assert.Equal(RuleIds.HoldJustificationRequired, decision.Rejection?.RuleId);
        Assert.True(new ReleaseHoldRequest(null, justification).Validate().Any);
    }

    [Fact]
    public void Release_without_an_active_hold_is_refused()
    {
        var decision = Decide(new ReleaseSafetyHold(CourseId, null, "reviewed", Clinician), Open(), At(Now), Protocol, Clinic);

        Assert.Equal(RuleIds.NoActiveHold, decision.Rejection?.RuleId);
    }

    [Fact]
    public void Release_with_justification_releases_the_active_hold_once()
    {
        var held = Apply(Open(), Decide(AdverseEvent(AdverseEventSeverity.Serious, Now), Open(), At(Now), Protocol, Clinic));
        var holdId = held.ActiveHold!.HoldId;

        var decision = Decide(new ReleaseSafetyHold(CourseId, holdId, "  BP normal on review  ", Clinician), held, At(Now.AddDays(1)), Protocol, Clinic);

        var released = Assert.IsType<HoldReleased>(Assert.Single(decision.Events));
        Assert.Equal(holdId, released.HoldId);
        Assert.Equal("BP normal on review", released.Justification);
        var after = Apply(held, decision);
        Assert.Null(after.ActiveHold);
        Assert.Equal(
            RuleIds.NoActiveHold,
            Decide(new ReleaseSafetyHold(CourseId, holdId, "again", Clinician), after, At(Now), Protocol, Clinic).Rejection?.RuleId);
    }

    [Theory]
    [InlineData(2000, false)]
    [InlineData(2001, true)]
    public void Justification_is_at_most_2000_characters(int length, bool invalid)
    {
        var errors = new ReleaseHoldRequest(null, new string('x', length)).Validate();

        Assert.Equal(invalid, errors.Any);
    }
}
