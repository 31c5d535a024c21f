namespace Screening.Tests.Screenings.Eligibility;

public class PriorTreatmentRuleTests
{
    private static readonly PsychotherapyCourse Cbt = new("CBT", 12);

    [Fact]
    public void Treatment_resistant_depression_with_two_adequate_failed_trials_passes() =>
        Assert.Equal(EligibilityOutcome.Eligible, Given.SafeCase().OutcomeOf(RuleIds.TrdFirstLine));

    [Fact]
    public void No_antidepressant_trial_means_try_first_line_treatment()
    {
        var reason = WithTrials([]).Reason(RuleIds.TrdFirstLine);

        Assert.Equal(EligibilityOutcome.Ineligible, reason.Outcome);
        Assert.StartsWith("Try first-line treatment", reason.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, 8, 10)] // dose not adequate
    [InlineData(true, 3, 10)] // under 4 weeks
    [InlineData(true, 8, 25)] // 25 % improvement is a partial response, not a failure
    public void An_inadequate_second_trial_does_not_count(bool adequateDose, int weeks, int improvement)
    {
        var screening = WithTrials([new("sertraline", true, 8, 0), new("escitalopram", adequateDose, weeks, improvement)]);

        Assert.Equal(EligibilityOutcome.Ineligible, screening.OutcomeOf(RuleIds.TrdFirstLine));
    }

    [Fact]
    public void Boundary_trial_of_exactly_4_weeks_and_24_percent_counts() =>
        Assert.Equal(
            EligibilityOutcome.Eligible,
            WithTrials([new("sertraline", true, 4, 24), new("bupropion", true, 4, 24)]).OutcomeOf(RuleIds.TrdFirstLine));

    [Fact]
    public void The_trial_rule_applies_only_to_treatment_resistant_depression()
    {
        var anxiety = Given.SafeCase(Indication.SevereAnxiety) with { PriorTreatments = new([], [Cbt]) };

        Assert.DoesNotContain(anxiety.Evaluate().Reasons, r => r.RuleId == RuleIds.TrdFirstLine);
        Assert.Equal(EligibilityOutcome.Eligible, anxiety.Evaluate().Outcome);
    }

    [Theory]
    [InlineData(Indication.TreatmentResistantDepression)]
    [InlineData(Indication.MajorDepressionWithSuicidalIdeation)]
    [InlineData(Indication.SevereAnxiety)]
    [InlineData(Indication.Ptsd)]
    public void No_prior_psychotherapy_needs_review(Indication indication)
    {
        var safe = Given.SafeCase(indication);
        var noTherapy = safe with { PriorTreatments = safe.PriorTreatments! with { Psychotherapy = [] } };
        var zeroSessions = safe with { PriorTreatments = safe.PriorTreatments! with { Psychotherapy = [new("CBT", 0)] } };

        Assert.Equal(EligibilityOutcome.NeedsReview, noTherapy.OutcomeOf(RuleIds.NoPriorPsychotherapy));
        Assert.Equal(EligibilityOutcome.NeedsReview, zeroSessions.OutcomeOf(RuleIds.NoPriorPsychotherapy));
        Assert.Equal(EligibilityOutcome.Eligible, safe.OutcomeOf(RuleIds.NoPriorPsychotherapy));
    }

    [Theory]
    [InlineData(Indication.ChronicPain)]
    [InlineData(Indication.PsychologicalGrowth)]
    public void Psychotherapy_rule_does_not_apply_to_pain_or_growth(Indication indication)
    {
        var screening = Given.SafeCase(indication) with { PriorTreatments = new([], []) };

        Assert.DoesNotContain(screening.Evaluate().Reasons, r => r.RuleId == RuleIds.NoPriorPsychotherapy);
    }

    private static Screening.Api.Screenings.ScreeningCase WithTrials(IReadOnlyList<AntidepressantTrial> trials) =>
        Given.SafeCase() with { PriorTreatments = new(trials, [Cbt]) };
}
