namespace Screening.Tests.Screenings.Eligibility;

public class SubstanceRuleTests
{
    [Fact]
    public void Active_substance_use_disorder_without_last_use_is_ineligible() =>
        Assert.Equal(
            EligibilityOutcome.Ineligible,
            Given.SafeCase().WithPsychiatric(p => p with { SubstanceUseDisorder = true, Substances = ["alcohol"] }).OutcomeOf(RuleIds.SubstanceUse));

    [Theory]
    [InlineData(-11, EligibilityOutcome.Ineligible)]
    [InlineData(-12, EligibilityOutcome.Eligible)]
    [InlineData(-30, EligibilityOutcome.Eligible)]
    public void Abstinence_under_12_months_is_ineligible(int monthsAgo, EligibilityOutcome expected)
    {
        var screening = Given.SafeCase().WithPsychiatric(p => p with {
            SubstanceUseDisorder = true,
            Substances = ["cocaine"],
            SubstanceLastUsedOn = Given.Today.AddMonths(monthsAgo),
        });

        Assert.Equal(expected, screening.OutcomeOf(RuleIds.SubstanceUse));
    }

    [Fact]
    public void No_disorder_passes() =>
        Assert.Equal(EligibilityOutcome.Eligible, Given.SafeCase().OutcomeOf(RuleIds.SubstanceUse));

    [Theory]
    [InlineData(-3, EligibilityOutcome.Ineligible)]
    [InlineData(-11, EligibilityOutcome.Ineligible)]
    [InlineData(-13, EligibilityOutcome.Eligible)]
    public void Ketamine_or_pcp_misuse_in_the_past_year_is_ineligible(int monthsAgo, EligibilityOutcome expected) =>
        Assert.Equal(
            expected,
            Given.SafeCase().WithPsychiatric(p => p with { KetamineOrPcpMisuseLastOn = Given.Today.AddMonths(monthsAgo) }).OutcomeOf(RuleIds.KetamineMisuse));

    [Fact]
    public void No_ketamine_misuse_passes() =>
        Assert.Equal(EligibilityOutcome.Eligible, Given.SafeCase().OutcomeOf(RuleIds.KetamineMisuse));
}
