namespace Screening.Tests.Screenings.Eligibility;

public class CardiovascularRuleTests
{
    [Theory]
    [InlineData(CardiovascularEventKind.MyocardialInfarction, RuleIds.MyocardialInfarction)]
    [InlineData(CardiovascularEventKind.Arrhythmia, RuleIds.Arrhythmia)]
    [InlineData(CardiovascularEventKind.CerebrovascularDisease, RuleIds.Cerebrovascular)]
    public void Unstable_is_ineligible_stable_and_old_passes(CardiovascularEventKind kind, string ruleId)
    {
        var longAgo = Given.Today.AddYears(-3);

        Assert.Equal(EligibilityOutcome.Ineligible, With(new(kind, longAgo, CurrentlyStable: false)).OutcomeOf(ruleId));
        Assert.Equal(EligibilityOutcome.Eligible, With(new(kind, longAgo, CurrentlyStable: true)).OutcomeOf(ruleId));
    }

    [Fact]
    public void A_recent_myocardial_infarction_is_ineligible_even_if_marked_stable()
    {
        var recent = Given.Today.AddMonths(-2);
        var pastWindow = Given.Today.AddMonths(-6);

        Assert.Equal(EligibilityOutcome.Ineligible, With(new(CardiovascularEventKind.MyocardialInfarction, recent, true)).OutcomeOf(RuleIds.MyocardialInfarction));
        Assert.Equal(EligibilityOutcome.Eligible, With(new(CardiovascularEventKind.MyocardialInfarction, pastWindow, true)).OutcomeOf(RuleIds.MyocardialInfarction));
    }

    [Fact]
    public void An_event_of_another_kind_does_not_trip_the_rule() =>
        Assert.Equal(
            EligibilityOutcome.Eligible,
            With(new(CardiovascularEventKind.Arrhythmia, Given.Today, false)).OutcomeOf(RuleIds.MyocardialInfarction));

    private static Screening.Api.Screenings.ScreeningCase With(CardiovascularEvent e) =>
        Given.SafeCase().WithMedical(m => m with { CardiovascularEvents = [e] });
}
