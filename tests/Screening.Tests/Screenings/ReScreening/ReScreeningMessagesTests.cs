using Platform.Messaging;
using Platform.Testing;

namespace Screening.Tests.Screenings.ReScreening;

/// <summary>Holds, releases and the approval in any order end in the same case.</summary>
public class ReScreeningMessagesTests
{
    // Holds and releases that came early are kept as messages, their reasons sealed as on the broker.
    public ReScreeningMessagesTests() => MemoryKeyRing.Install();

    private static readonly Guid CourseId = Guid.Parse("00000000-0000-0000-0000-00000000cc01");
    private static readonly Guid HoldA = Guid.Parse("00000000-0000-0000-0000-00000000aa01");
    private static readonly Guid HoldB = Guid.Parse("00000000-0000-0000-0000-00000000aa02");

    private static ScreeningCase Approved() =>
        Given.SafeCase().Then(
            ApproveScreening.Decide(new ApproveScreening(Guid.NewGuid(), Given.Prescriber, null), Given.SafeCase(), Given.Clock, Given.Protocol).Events);

    private static EarlyMessage Placed(Guid holdId, int hour) =>
        EarlyMessage.Of(
            CourseId, holdId.ToString(),
            new SafetyHoldPlaced(CourseId, Guid.NewGuid(), holdId, SafetyHoldTrigger.AdverseEvent, "serious adverse event", Given.Now.AddHours(hour)),
            Given.Now.AddHours(hour), Given.Now);

    private static EarlyMessage Released(Guid holdId, bool waived) =>
        EarlyMessage.Of(
            CourseId, holdId.ToString(),
            new SafetyHoldReleased(
                CourseId, Guid.NewGuid(), holdId, Given.Now.AddDays(1), waived, waived ? "Event explained; no change to eligibility" : null, Given.Prescriber),
            Given.Now.AddDays(1), Given.Now);

    private static EarlyOutcome Outcome(ScreeningCase state, IEnumerable<EarlyMessage> kept, ClinicTime? now = null) =>
        EarlyMessages.Apply(
            Decision.Accept(), state, kept, ScreeningCase.Evolve,
            (message, s) => ReScreeningMessages.Apply(message, s, now ?? Given.At(Given.Now.AddDays(2)), Given.Protocol));

    private static ScreeningCase Apply(ScreeningCase state, params EarlyMessage[] kept)
    {
        var outcome = Outcome(state, kept);
        Assert.Empty(outcome.Refused);
        return state.Then(outcome.Decision.Events);
    }

    [Fact]
    public void A_hold_requires_re_screening_and_a_release_without_the_waiver_keeps_it_required()
    {
        var held = Apply(Approved(), Placed(HoldA, 1));
        var released = Apply(held, Released(HoldA, waived: false));

        Assert.Equal(ScreeningStatus.ReScreeningRequired, held.Status);
        Assert.Equal(ScreeningStatus.ReScreeningRequired, released.Status);
        Assert.Equal([HoldA], released.ReScreeningHolds);
    }

    [Fact]
    public void A_waived_release_records_the_waiver_and_approves_the_case_again()
    {
        EarlyMessage[] kept = [Placed(HoldA, 1), Released(HoldA, waived: true)];

        var outcome = Outcome(Approved(), kept);
        var after = Approved().Then(outcome.Decision.Events);

        Assert.IsType<ReScreeningRequired>(outcome.Decision.Events[0]);
        var waived = Assert.IsType<ReScreeningWaived>(outcome.Decision.Events[1]);
        Assert.True(waived.ApprovedAgain);
        Assert.Equal(Given.Prescriber, waived.WaivedBy);
        Assert.Equal("Event explained; no change to eligibility", waived.Reason);
        Assert.Equal(ScreeningStatus.Approved, after.Status);
        Assert.Null(after.ReScreening);
        Assert.Equal(kept, outcome.Applied);
        Assert.Empty(Outcome(after, kept, Given.At(Given.Now.AddDays(3))).Decision.Events);
    }

    [Fact]
    public void A_release_that_overtakes_its_hold_waits_for_it()
    {
        var releasedFirst = Released(HoldA, waived: true);

        var early = Outcome(Approved(), [releasedFirst], Given.Clock);
        var after = Apply(Approved(), releasedFirst, Placed(HoldA, 1));

        Assert.Empty(early.Decision.Events);
        Assert.Equal([releasedFirst], early.Waiting);
        Assert.Empty(early.Applied);
        Assert.Equal(ScreeningStatus.Approved, after.Status);
        Assert.Equal([HoldA], after.WaivedHolds);
    }

    [Fact]
    public void A_release_without_the_waiver_is_applied_with_nothing_to_do()
    {
        var release = Released(HoldA, waived: false);

        var outcome = Outcome(Approved(), [release]);

        Assert.Empty(outcome.Decision.Events);
        Assert.Equal([release], outcome.Applied);
    }

    [Fact]
    public void Waiving_one_of_two_holds_leaves_the_case_needing_re_screening()
    {
        var after = Apply(Approved(), Placed(HoldA, 1), Placed(HoldB, 2), Released(HoldA, waived: true));

        Assert.Equal(ScreeningStatus.ReScreeningRequired, after.Status);
        Assert.Equal([HoldB], after.ReScreeningHolds);
    }

    [Fact]
    public void Kept_holds_applied_twice_change_nothing_the_second_time()
    {
        var once = Apply(Approved(), Placed(HoldA, 1));

        Assert.Empty(Outcome(once, [Placed(HoldA, 1)], Given.Clock).Decision.Events);
    }

    [Fact]
    public void A_hold_on_a_case_that_is_not_approved_is_refused()
    {
        var outcome = Outcome(Given.SafeCase(), [Placed(HoldA, 1)]);

        Assert.Equal(RuleIds.NotApproved, Assert.Single(outcome.Refused).Rejection.RuleId);
    }
}
