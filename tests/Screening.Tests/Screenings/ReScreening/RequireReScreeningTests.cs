namespace Screening.Tests.Screenings.ReScreening;

public class RequireReScreeningTests
{
    [Fact]
    public void A_safety_hold_on_an_approved_course_requires_re_screening_once()
    {
        var approved = Given.ApprovedCase();
        var holdId = Guid.NewGuid();
        var command = new RequireReScreening("Safety hold: serious adverse event", holdId);

        var first = RequireReScreening.Decide(command, approved, Given.At(Given.Now.AddDays(10)), Given.Protocol);
        var flagged = approved.Then(first.Events);
        var duplicate = RequireReScreening.Decide(command, flagged, Given.At(Given.Now.AddDays(10)), Given.Protocol);

        var required = Assert.IsType<ReScreeningRequired>(Assert.Single(first.Events));
        Assert.Equal(approved.Approval!.CourseId, required.CourseId);
        Assert.Equal(holdId, required.HoldId);
        Assert.Equal(ScreeningStatus.ReScreeningRequired, flagged.Status);
        Assert.False(duplicate.IsRejected);
        Assert.Empty(duplicate.Events);
    }

    [Fact]
    public void Only_an_approved_case_can_require_re_screening() =>
        Assert.Equal(
            RuleIds.NotApproved,
            RequireReScreening.Decide(new RequireReScreening("hold"), Given.SafeCase(), Given.Clock, Given.Protocol).Rejection?.RuleId);

    [Fact]
    public void A_re_screening_needs_a_reason() =>
        Assert.Equal(["reason"], new RequireReScreening(" ").Validate().ToDictionary().Keys);
}
