namespace Screening.Tests.Screenings.Eligibility;

public class CompletenessRuleTests
{
    [Fact]
    public void Missing_facts_make_it_needs_review_never_eligible()
    {
        var evaluation = Given.ReferredOnly().Evaluate();

        Assert.Equal(EligibilityOutcome.NeedsReview, evaluation.Outcome);
        var reason = Assert.Single(evaluation.Findings);
        Assert.Equal(RuleIds.Incomplete, reason.RuleId);
        Assert.Contains("medical history", reason.Explanation, StringComparison.Ordinal);
        Assert.Contains("C-SSRS", reason.Explanation, StringComparison.Ordinal);
        Assert.Contains("PHQ-9", reason.Explanation, StringComparison.Ordinal);
        Assert.False(evaluation.IsComplete);
    }

    [Fact]
    public void A_complete_case_passes() =>
        Assert.Equal(EligibilityOutcome.Eligible, Given.SafeCase().OutcomeOf(RuleIds.Incomplete));

    [Theory]
    [InlineData(Indication.TreatmentResistantDepression, InstrumentCode.Phq9)]
    [InlineData(Indication.SevereAnxiety, InstrumentCode.Gad7)]
    [InlineData(Indication.Ptsd, InstrumentCode.Pcl5)]
    public void The_indication_baseline_instrument_is_required(Indication indication, InstrumentCode baseline)
    {
        var safe = Given.SafeCase(indication);
        var withoutBaseline = safe with { Instruments = safe.Instruments.Where(i => i.Instrument != baseline).ToList() };

        Assert.Equal(EligibilityOutcome.NeedsReview, withoutBaseline.OutcomeOf(RuleIds.Incomplete));
        Assert.Equal(EligibilityOutcome.Eligible, safe.OutcomeOf(RuleIds.Incomplete));
    }

    [Fact]
    public void Status_follows_completeness()
    {
        Assert.Equal(ScreeningStatus.Referred, Given.ReferredOnly().Status);
        Assert.Equal(ScreeningStatus.AwaitingSignOff, Given.SafeCase().Status);

        var events = Given.SafeIntakeEvents(Given.Referred()).Take(3);
        Assert.Equal(ScreeningStatus.InProgress, Given.Fold(events).Status);
    }
}
