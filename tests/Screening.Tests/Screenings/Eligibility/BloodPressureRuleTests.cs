namespace Screening.Tests.Screenings.Eligibility;

public class BloodPressureRuleTests
{
    [Theory]
    [InlineData(140, 90, EligibilityOutcome.Eligible)]
    [InlineData(141, 80, EligibilityOutcome.EligibleWithConditions)]
    [InlineData(130, 91, EligibilityOutcome.EligibleWithConditions)]
    [InlineData(160, 95, EligibilityOutcome.EligibleWithConditions)]
    [InlineData(161, 95, EligibilityOutcome.Ineligible)]
    public void Above_140_90_needs_clearance_above_160_systolic_is_ineligible(int systolic, int diastolic, EligibilityOutcome expected)
    {
        var screening = Given.SafeCase() with { Vitals = Given.NormalVitals with { Systolic = systolic, Diastolic = diastolic } };

        Assert.Equal(expected, screening.OutcomeOf(RuleIds.BloodPressure));
    }

    [Fact]
    public void Clearance_becomes_an_approval_condition()
    {
        var screening = Given.SafeCase() with { Vitals = Given.NormalVitals with { Systolic = 150, Diastolic = 85 } };

        screening.AssertOnlyCondition(RuleIds.BloodPressure, "medical clearance");
    }

    [Fact]
    public void Thresholds_come_from_the_protocol()
    {
        var strict = new ScreeningProtocol { Version = "strict-1", BpClearanceSystolic = 130, BpClearanceDiastolic = 85 };
        var screening = Given.SafeCase() with { Vitals = Given.NormalVitals with { Systolic = 135, Diastolic = 80 } };

        var evaluation = screening.Evaluate(strict);

        Assert.Equal(EligibilityOutcome.EligibleWithConditions, evaluation.Outcome);
        Assert.Equal("strict-1", evaluation.ProtocolVersion);
        Assert.Equal(EligibilityOutcome.Eligible, screening.Evaluate().Outcome);
    }
}
