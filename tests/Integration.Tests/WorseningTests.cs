using static Integration.Tests.CourseFixture;

namespace Integration.Tests;

public class WorseningTests
{
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

        var first = Decide(Phq9(17, FirstDose.AddDays(5)), course, At(FirstDose.AddDays(5)), Protocol, Clinic);
        var flag = Assert.Single(first.Events.OfType<WorseningReviewFlagRaised>());
        Assert.Equal(12, flag.BaselineTotal);
        Assert.Equal(17, flag.Total);
        course = Apply(course, first);
        Assert.True(OutcomeAnalysis.IsWorsening(course, Protocol));

        var stillWorse = Decide(Phq9(18, FirstDose.AddDays(8)), course, At(FirstDose.AddDays(8)), Protocol, Clinic);
        Assert.Empty(stillWorse.Events.OfType<WorseningReviewFlagRaised>());
    }

    [Fact]
    public void Worsening_again_after_improving_raises_a_new_flag()
    {
        var course = Measure(WithDoses(Open(phq9Baseline: 12), 2), Phq9(17, FirstDose.AddDays(3)));
        course = Measure(course, Phq9(10, FirstDose.AddDays(7)));
        Assert.False(OutcomeAnalysis.IsWorsening(course, Protocol));

        var again = Decide(Phq9(19, FirstDose.AddDays(10)), course, At(FirstDose.AddDays(10)), Protocol, Clinic);

        Assert.Single(again.Events.OfType<WorseningReviewFlagRaised>());
    }

    [Fact]
    public void Four_point_rise_raises_no_flag()
    {
        var decision = Decide(Phq9(16, FirstDose.AddDays(3)), WithDoses(Open(phq9Baseline: 12), 1), At(FirstDose.AddDays(3)), Protocol, Clinic);

        Assert.Empty(decision.Events.OfType<WorseningReviewFlagRaised>());
    }
}
