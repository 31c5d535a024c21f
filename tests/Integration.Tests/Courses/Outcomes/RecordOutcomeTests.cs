namespace Integration.Tests;

public class RecordOutcomeTests
{
    private static readonly DateTimeOffset Now = FirstDose.AddDays(5);

    [Fact]
    public void Measurement_dated_before_the_course_is_refused()
    {
        var decision = Decide(Phq9(10, ApprovedAt.AddHours(-1)), Open(), At(FirstDose), Protocol);

        Assert.Equal(RuleIds.EventBeforeCourse, decision.Rejection?.RuleId);
    }

    [Fact]
    public void New_high_cssrs_risk_places_a_hold()
    {
        var course = WithDoses(Open(), 1);
        var decision = Decide(Cssrs("high", FirstDose.AddDays(2)), course, At(Now), Protocol);

        var hold = Assert.Single(decision.Events.OfType<HoldPlaced>());
        Assert.Equal(SafetyHoldTrigger.HighSuicideRisk, hold.Trigger);
    }

    [Theory]
    [InlineData("low")]
    [InlineData("moderate")]
    public void Low_or_moderate_cssrs_risk_does_not_place_a_hold(string risk)
    {
        var decision = Decide(Cssrs(risk, FirstDose), WithDoses(Open(), 1), At(Now), Protocol);

        Assert.IsType<OutcomeMeasured>(Assert.Single(decision.Events));
    }

    [Fact]
    public void High_cssrs_risk_on_an_already_held_course_adds_a_reason_instead_of_a_second_hold()
    {
        var course = Measure(WithDoses(Open(), 1), Cssrs("high", FirstDose.AddDays(1)));
        var firstHold = Assert.Single(course.Holds);

        var decision = Decide(Cssrs("high", FirstDose.AddDays(2)), course, At(Now), Protocol);

        Assert.Empty(decision.Events.OfType<HoldPlaced>());
        var added = Assert.Single(decision.Events.OfType<HoldTriggerAdded>());
        Assert.Equal(firstHold.HoldId, added.HoldId);
        var after = Apply(course, decision);
        Assert.Single(after.Holds);
        Assert.Equal(2, after.ActiveHold!.Reasons.Count);
    }

    [Fact]
    public void High_cssrs_after_a_release_places_a_new_hold_with_a_new_id()
    {
        var course = Measure(WithDoses(Open(), 1), Cssrs("high", FirstDose.AddDays(1)));
        var first = course.ActiveHold!.HoldId;
        course = Apply(course, Decide(new ReleaseSafetyHold(CourseId, null, "safety plan in place", Clinician), course, At(Now), Protocol));

        var decision = Decide(Cssrs("high", FirstDose.AddDays(3)), course, At(Now), Protocol);

        Assert.NotEqual(first, Assert.Single(decision.Events.OfType<HoldPlaced>()).HoldId);
    }

    [Theory]
    [InlineData(12, 17, true)]
    [InlineData(12, 16, false)]
    [InlineData(12, 20, true)]
    public void Worsening_is_phq9_at_least_five_above_baseline(int baseline, int total, bool worsening)
    {
        Assert.Equal(worsening, OutcomeAnalysis.IsWorsening(baseline, total, Protocol));
    }

    [Fact]
    public void Crossing_the_worsening_threshold_raises_one_review_flag()
    {
        var course = WithDoses(Open(phq9Baseline: 12), 2);

        var first = Decide(Phq9(17, FirstDose.AddDays(5)), course, At(FirstDose.AddDays(5)), Protocol);
        var flag = Assert.Single(first.Events.OfType<WorseningReviewFlagRaised>());
        Assert.Equal(12, flag.BaselineTotal);
        Assert.Equal(17, flag.Total);
        course = Apply(course, first);
        Assert.True(OutcomeAnalysis.IsWorsening(course, Protocol));

        var stillWorse = Decide(Phq9(18, FirstDose.AddDays(8)), course, At(FirstDose.AddDays(8)), Protocol);
        Assert.Empty(stillWorse.Events.OfType<WorseningReviewFlagRaised>());
    }

    [Fact]
    public void Worsening_again_after_improving_raises_a_new_flag()
    {
        var course = Measure(WithDoses(Open(phq9Baseline: 12), 2), Phq9(17, FirstDose.AddDays(3)));
        course = Measure(course, Phq9(10, FirstDose.AddDays(7)));
        Assert.False(OutcomeAnalysis.IsWorsening(course, Protocol));

        var again = Decide(Phq9(19, FirstDose.AddDays(10)), course, At(FirstDose.AddDays(10)), Protocol);

        Assert.Single(again.Events.OfType<WorseningReviewFlagRaised>());
    }

    [Fact]
    public void Four_point_rise_raises_no_flag()
    {
        var decision = Decide(Phq9(16, FirstDose.AddDays(3)), WithDoses(Open(phq9Baseline: 12), 1), At(FirstDose.AddDays(3)), Protocol);

        Assert.Empty(decision.Events.OfType<WorseningReviewFlagRaised>());
    }
}
