namespace Screening.Tests.Screenings.ReScreening;

public class WaiveReScreeningTests
{
    private static ScreeningCase HeldBy(params Guid[] holds) =>
        holds.Aggregate(
            Given.ApprovedCase(),
            (state, hold) => state.Then(
                RequireReScreening.Decide(new RequireReScreening("Safety hold", hold), state, Given.Clock, Given.Protocol).Events));

    private static Decision Waive(ScreeningCase? state, Guid hold) =>
        WaiveReScreening.Decide(new WaiveReScreening(hold, " Resolved, no new risk ", Given.Prescriber), state, Given.Clock, Given.Protocol);

    [Fact]
    public void Waiving_the_only_hold_approves_the_case_again_on_its_original_sign_off()
    {
        var hold = Guid.NewGuid();
        var held = HeldBy(hold);

        var waived = Assert.IsType<ReScreeningWaived>(Assert.Single(Waive(held, hold).Events));
        var after = held.Then([waived]);

        Assert.True(waived.ApprovedAgain);
        Assert.Equal("Resolved, no new risk", waived.Reason);
        Assert.Equal(held.Approval!.CourseId, waived.CourseId);
        Assert.Equal(ScreeningStatus.Approved, after.Status);
        Assert.Empty(after.ReScreeningHolds);
    }

    [Fact]
    public void Waiving_one_of_two_holds_leaves_the_case_needing_re_screening()
    {
        var first = Guid.NewGuid();
        var held = HeldBy(first, Guid.NewGuid());

        var waived = Assert.IsType<ReScreeningWaived>(Assert.Single(Waive(held, first).Events));

        Assert.False(waived.ApprovedAgain);
        Assert.Equal(ScreeningStatus.ReScreeningRequired, held.Then([waived]).Status);
    }

    [Fact]
    public void A_hold_the_case_never_recorded_or_already_waived_changes_nothing()
    {
        var hold = Guid.NewGuid();
        var held = HeldBy(hold);
        var waivedOnce = held.Then(Waive(held, hold).Events);

        Assert.Empty(Waive(held, Guid.NewGuid()).Events);
        Assert.Empty(Waive(waivedOnce, hold).Events);
    }

    [Fact]
    public void An_unknown_screening_is_refused() =>
        Assert.Equal(RuleIds.CaseNotFound, Waive(null, Guid.NewGuid()).Rejection?.RuleId);
}
