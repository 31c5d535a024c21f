namespace Platform.Instruments.Tests;

public class CssrsScreenerTests
{
    [Theory]
    [InlineData(new[] { 0, 0, 0, 0, 0, 0 }, false, SuicideRiskLevel.None)]
    [InlineData(new[] { 1, 0, 0, 0, 0, 0 }, false, SuicideRiskLevel.Low)]
    [InlineData(new[] { 1, 1, 0, 0, 0, 0 }, false, SuicideRiskLevel.Low)]
    [InlineData(new[] { 1, 1, 1, 0, 0, 0 }, false, SuicideRiskLevel.Moderate)]
    [InlineData(new[] { 0, 0, 0, 0, 0, 1 }, false, SuicideRiskLevel.Moderate)]
    [InlineData(new[] { 0, 0, 0, 0, 0, 1 }, true, SuicideRiskLevel.High)]
    [InlineData(new[] { 1, 1, 0, 1, 0, 0 }, false, SuicideRiskLevel.High)]
    [InlineData(new[] { 1, 1, 1, 0, 1, 0 }, false, SuicideRiskLevel.High)]
    public void Triage_rule(int[] items, bool recentBehaviour, SuicideRiskLevel expected)
    {
        var result = Items.ScoreOrFail(InstrumentCode.CssrsScreener, items, recentBehaviour);

        Assert.Equal(expected, result.RiskLevel);
        Assert.Equal(expected.ToString().ToLowerInvariant(), result.Band);
        Assert.Equal(items.Sum(), result.Total);
        Assert.Equal("93374-7", result.LoincCode);
    }

    [Fact]
    public void Behaviour_recency_is_required_when_q6_is_yes()
    {
        var outcome = InstrumentScorer.Score(InstrumentCode.CssrsScreener, [0, 0, 0, 0, 0, 1]);

        Assert.False(outcome.IsValid);
        Assert.Equal(CssrsScreener.RecentBehaviourField, Assert.Single(outcome.Errors).Field);
    }

    [Fact]
    public void Behaviour_recency_is_ignored_when_q6_is_no() =>
        Assert.Equal(
            SuicideRiskLevel.Low,
            Items.ScoreOrFail(InstrumentCode.CssrsScreener, [1, 0, 0, 0, 0, 0], recentBehaviour: true).RiskLevel);

    [Fact]
    public void Answers_are_yes_or_no_only() =>
        Assert.Contains(
            InstrumentScorer.Score(InstrumentCode.CssrsScreener, [0, 2, 0, 0, 0, 0]).Errors,
            e => e.Field == "items[1]" && e.Message == "must be between 0 and 1");
}
