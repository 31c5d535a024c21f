namespace Screening.Tests.Screenings.Eligibility;

public class EsketamineAgeRuleTests
{
    [Fact]
    public void Esketamine_at_65_starts_at_28_mg()
    {
        var screening = Given.SafeCase(route: TreatmentRoute.EsketamineNasalSpray, birthDate: Given.Today.AddYears(-65));

        screening.AssertOnlyCondition(RuleIds.EsketamineAge, "28 mg");
    }

    [Fact]
    public void Esketamine_the_day_before_the_65th_birthday_has_no_condition()
    {
        var screening = Given.SafeCase(route: TreatmentRoute.EsketamineNasalSpray, birthDate: Given.Today.AddYears(-65).AddDays(1));

        Assert.Equal(EligibilityOutcome.Eligible, screening.OutcomeOf(RuleIds.EsketamineAge));
        Assert.Contains(screening.Reason(RuleIds.EsketamineAge).Facts, f => f is { Name: "patient.ageYears", Value: "64" });
    }

    [Fact]
    public void Other_routes_at_70_have_no_esketamine_condition()
    {
        var screening = Given.SafeCase(route: TreatmentRoute.IvKetamine, birthDate: Given.Today.AddYears(-70));

        Assert.Equal(EligibilityOutcome.Eligible, screening.Evaluate().Outcome);
    }
}
