namespace Screening.Tests.Screenings.Eligibility;

public class PsychiatricRuleTests
{
    [Fact]
    public void Psychosis_self_is_ineligible()
    {
        Assert.Equal(EligibilityOutcome.Ineligible, Given.SafeCase().WithPsychiatric(p => p with { PsychosisSelf = true }).OutcomeOf(RuleIds.PsychosisSelf));
        Assert.Equal(EligibilityOutcome.Eligible, Given.SafeCase().OutcomeOf(RuleIds.PsychosisSelf));
    }

    [Fact]
    public void Psychosis_in_a_first_degree_relative_needs_review()
    {
        Assert.Equal(EligibilityOutcome.NeedsReview, Given.SafeCase().WithPsychiatric(p => p with { PsychosisFirstDegreeRelative = true }).OutcomeOf(RuleIds.PsychosisFamily));
        Assert.Equal(EligibilityOutcome.Eligible, Given.SafeCase().OutcomeOf(RuleIds.PsychosisFamily));
    }

    [Fact]
    public void Current_mania_is_ineligible()
    {
        Assert.Equal(EligibilityOutcome.Ineligible, Given.SafeCase().WithPsychiatric(p => p with { CurrentMania = true }).OutcomeOf(RuleIds.CurrentMania));
        Assert.Equal(EligibilityOutcome.Eligible, Given.SafeCase().OutcomeOf(RuleIds.CurrentMania));
    }

    [Theory]
    [InlineData(true, false, EligibilityOutcome.Ineligible)]
    [InlineData(true, true, EligibilityOutcome.NeedsReview)]
    [InlineData(false, false, EligibilityOutcome.Eligible)]
    public void Bipolar_without_a_mood_stabiliser_is_ineligible_with_one_needs_review(bool bipolar, bool stabiliser, EligibilityOutcome expected)
    {
        var screening = Given.SafeCase().WithPsychiatric(p => p with { BipolarDisorder = bipolar, OnMoodStabiliser = stabiliser });

        var reason = screening.Reason(RuleIds.Bipolar);

        Assert.Equal(expected, reason.Outcome);
        Assert.Contains(reason.Facts, f => f.Name == "psychiatricHistory.onMoodStabiliser" && f.Value == (stabiliser ? "true" : "false"));
    }
}
