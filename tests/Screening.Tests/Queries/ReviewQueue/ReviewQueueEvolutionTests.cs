using Screening.Api.Queries;

namespace Screening.Tests.Queries.ReviewQueueTests;

public sealed class ReviewQueueEvolutionTests
{
    private static ReviewQueueItem? Fold(params object[] events) =>
        events.Aggregate((ReviewQueueItem?)null, ReviewQueueEvolution.Evolve);

    private static EligibilityEvaluated IncompleteEvaluation =>
        Given.ReferredOnly().Evaluate().ToEvent(Given.ScreeningId, Given.Now);

    private static EligibilityEvaluated CompleteEvaluation =>
        Given.SafeCase().Evaluate().ToEvent(Given.ScreeningId, Given.Now);

    [Fact]
    public void An_incomplete_screening_is_not_in_the_queue()
    {
        var item = Fold(Given.Referred(), IncompleteEvaluation)!;

        Assert.False(item.InQueue);
        Assert.Contains(RuleIds.Incomplete, item.FiredRuleIds);
    }

    [Fact]
    public void A_screening_with_every_fact_recorded_awaits_sign_off()
    {
        var item = Fold(Given.Referred(), IncompleteEvaluation, CompleteEvaluation)!;

        Assert.True(item.InQueue);
        Assert.Equal(EligibilityOutcome.Eligible, item.Outcome);
    }

    [Fact]
    public void High_suicide_risk_puts_an_incomplete_screening_in_the_queue_at_once()
    {
        var highRisk = Given.ReferredOnly()
            .Then([Given.Administered(InstrumentCode.CssrsScreener, [1, 1, 0, 1, 0, 0])])
            .Evaluate()
            .ToEvent(Given.ScreeningId, Given.Now);

        var item = Fold(Given.Referred(), highRisk)!;

        Assert.True(item.HighSuicideRisk);
        Assert.True(item.InQueue);
        Assert.Contains(EligibilityFlag.HighSuicideRisk, item.Flags);
    }

    [Fact]
    public void A_signed_screening_leaves_the_queue()
    {
        var declined = new ScreeningDeclined(Given.ScreeningId, Given.PatientId, Given.Prescriber, "reason", [], Given.Now, "2026.1");

        var item = Fold(Given.Referred(), CompleteEvaluation, declined)!;

        Assert.False(item.InQueue);
        Assert.False(item.Open);
    }
}
