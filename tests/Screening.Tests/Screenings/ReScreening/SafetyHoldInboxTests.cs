namespace Screening.Tests.Screenings.ReScreening;

/// <summary>Holds, releases and the approval in any order end in the same case.</summary>
public class SafetyHoldInboxTests
{
    private static readonly Guid HoldA = Guid.Parse("00000000-0000-0000-0000-00000000aa01");
    private static readonly Guid HoldB = Guid.Parse("00000000-0000-0000-0000-00000000aa02");

    private static ScreeningCase Approved() =>
        Given.SafeCase().Then(
            ApproveScreening.Decide(new ApproveScreening(Guid.NewGuid(), Given.Prescriber, null), Given.SafeCase(), Given.Clock, Given.Protocol).Events);

    private static SafetyHoldInbox Placed(SafetyHoldInbox inbox, Guid holdId, int hour) =>
        inbox.Note(holdId, h => h with { Trigger = SafetyHoldTrigger.AdverseEvent, PlacedAt = Given.Now.AddHours(hour) });

    private static SafetyHoldInbox Released(SafetyHoldInbox inbox, Guid holdId, bool waived) =>
        inbox.Note(holdId, h => h with {
            ReleasedAt = Given.Now.AddDays(1),
            ReScreeningNotNeeded = waived,
            WaiverReason = waived ? "Event explained; no change to eligibility" : null,
            ReleasedBy = Given.Prescriber,
        });

    private static ScreeningCase Apply(ScreeningCase state, SafetyHoldInbox inbox)
    {
        var decision = SafetyHoldInbox.Decide(state, inbox, Given.At(Given.Now.AddDays(2)), Given.Protocol);
        Assert.False(decision.IsRejected, decision.Rejection?.ToString());
        return state.Then(decision.Events);
    }

    [Fact]
    public void A_hold_requires_re_screening_and_a_release_without_the_waiver_keeps_it_required()
    {
        var inbox = new SafetyHoldInbox(Guid.NewGuid(), []);

        var held = Apply(Approved(), Placed(inbox, HoldA, 1));
        var released = Apply(held, Released(Placed(inbox, HoldA, 1), HoldA, waived: false));

        Assert.Equal(ScreeningStatus.ReScreeningRequired, held.Status);
        Assert.Equal(ScreeningStatus.ReScreeningRequired, released.Status);
        Assert.Equal([HoldA], released.ReScreeningHolds);
    }

    [Fact]
    public void A_waived_release_records_the_waiver_and_approves_the_case_again()
    {
        var inbox = Released(Placed(new SafetyHoldInbox(Guid.NewGuid(), []), HoldA, 1), HoldA, waived: true);

        var decision = SafetyHoldInbox.Decide(Approved(), inbox, Given.At(Given.Now.AddDays(2)), Given.Protocol);
        var after = Approved().Then(decision.Events);

        Assert.IsType<ReScreeningRequired>(decision.Events[0]);
        var waived = Assert.IsType<ReScreeningWaived>(decision.Events[1]);
        Assert.True(waived.ApprovedAgain);
        Assert.Equal(Given.Prescriber, waived.WaivedBy);
        Assert.Equal("Event explained; no change to eligibility", waived.Reason);
        Assert.Equal(ScreeningStatus.Approved, after.Status);
        Assert.Null(after.ReScreening);
        Assert.Empty(SafetyHoldInbox.Decide(after, inbox, Given.At(Given.Now.AddDays(3)), Given.Protocol).Events);
    }

    [Fact]
    public void A_release_that_overtakes_its_hold_waits_for_it()
    {
        var releasedFirst = Released(new SafetyHoldInbox(Guid.NewGuid(), []), HoldA, waived: true);

        var early = SafetyHoldInbox.Decide(Approved(), releasedFirst, Given.Clock, Given.Protocol);
        var after = Apply(Approved(), Placed(releasedFirst, HoldA, 1));

        Assert.Empty(early.Events);
        Assert.Equal(ScreeningStatus.Approved, after.Status);
        Assert.Equal([HoldA], after.WaivedHolds);
    }

    [Fact]
    public void Waiving_one_of_two_holds_leaves_the_case_needing_re_screening()
    {
        var inbox = Released(Placed(Placed(new SafetyHoldInbox(Guid.NewGuid(), []), HoldA, 1), HoldB, 2), HoldA, waived: true);

        var after = Apply(Approved(), inbox);

        Assert.Equal(ScreeningStatus.ReScreeningRequired, after.Status);
        Assert.Equal([HoldB], after.ReScreeningHolds);
    }

    [Fact]
    public void An_inbox_applied_twice_changes_nothing_the_second_time()
    {
        var inbox = Placed(new SafetyHoldInbox(Guid.NewGuid(), []), HoldA, 1);
        var once = Apply(Approved(), inbox);

        Assert.Empty(SafetyHoldInbox.Decide(once, inbox, Given.Clock, Given.Protocol).Events);
    }
}
