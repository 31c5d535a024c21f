namespace Screening.Tests.Screenings.Eligibility;

public class SuicideRiskRuleTests
{
    [Theory]
    [InlineData(new[] { 1, 1, 0, 1, 0, 0 }, false)] // Q4 intent
    [InlineData(new[] { 1, 1, 1, 0, 1, 0 }, false)] // Q5 plan
    [InlineData(new[] { 0, 0, 0, 0, 0, 1 }, true)] // behaviour within 3 months
    public void High_risk_needs_review_and_flags_immediate_referral(int[] items, bool recentBehaviour)
    {
        var screening = Given.SafeCase().Then([Given.Administered(InstrumentCode.CssrsScreener, items, recentBehaviour)]);

        var evaluation = screening.Evaluate();

        Assert.Equal(EligibilityOutcome.NeedsReview, screening.OutcomeOf(RuleIds.SuicideRisk));
        Assert.Equal(EligibilityOutcome.NeedsReview, evaluation.Outcome);
        Assert.Equal([EligibilityFlag.HighSuicideRisk], evaluation.Flags);
    }

    [Theory]
    [InlineData(new[] { 0, 0, 0, 0, 0, 0 }, false)]
    [InlineData(new[] { 1, 1, 0, 0, 0, 0 }, false)]
    [InlineData(new[] { 1, 1, 1, 0, 0, 0 }, false)]
    [InlineData(new[] { 0, 0, 0, 0, 0, 1 }, false)] // behaviour longer ago than 3 months: moderate
    public void Lower_risk_passes_without_a_flag(int[] items, bool recentBehaviour)
    {
        var screening = Given.SafeCase().Then([Given.Administered(InstrumentCode.CssrsScreener, items, recentBehaviour)]);

        Assert.Equal(EligibilityOutcome.Eligible, screening.OutcomeOf(RuleIds.SuicideRisk));
        Assert.Empty(screening.Evaluate().Flags);
    }

    [Fact]
    public void The_latest_screener_replaces_the_earlier_one()
    {
        var screening = Given.SafeCase().Then(
        [
            Given.Administered(InstrumentCode.CssrsScreener, [1, 1, 0, 1, 0, 0]),
            Given.Administered(InstrumentCode.CssrsScreener, [0, 0, 0, 0, 0, 0]),
        ]);

        Assert.Equal(EligibilityOutcome.Eligible, screening.OutcomeOf(RuleIds.SuicideRisk));
        Assert.Single(screening.Instruments, i => i.Instrument == InstrumentCode.CssrsScreener);
    }
}
