namespace Screening.Tests.Screenings.Eligibility;

public class MedicationRuleTests
{
    [Theory]
    [InlineData(MedicationClass.Maoi, RuleIds.Maoi)]
    [InlineData(MedicationClass.Psychostimulant, RuleIds.Psychostimulant)]
    public void Pressor_medications_need_review(MedicationClass medicationClass, string ruleId)
    {
        var screening = Given.SafeCase() with { Medications = [new(medicationClass, "drug", 10m, null)] };

        Assert.Equal(EligibilityOutcome.NeedsReview, screening.OutcomeOf(ruleId));
        Assert.Equal(EligibilityOutcome.Eligible, Given.SafeCase().OutcomeOf(ruleId));
    }

    [Fact]
    public void Other_medications_pass()
    {
        var screening = Given.SafeCase() with {
            Medications = [new(MedicationClass.Antidepressant, "sertraline", 100m, null), new(MedicationClass.Lamotrigine, "lamotrigine", 200m, null)],
        };

        Assert.Equal(EligibilityOutcome.Eligible, screening.Evaluate().Outcome);
    }

    [Theory]
    [InlineData(8, EligibilityOutcome.Eligible)]
    [InlineData(8.5, EligibilityOutcome.NeedsReview)]
    [InlineData(20, EligibilityOutcome.NeedsReview)]
    public void Benzodiazepines_above_8_mg_diazepam_equivalent_need_review(double mg, EligibilityOutcome expected)
    {
        var screening = Given.SafeCase() with { Medications = [new(MedicationClass.Benzodiazepine, "diazepam", (decimal)mg, (decimal)mg)] };

        Assert.Equal(expected, screening.OutcomeOf(RuleIds.Benzodiazepine));
    }

    [Fact]
    public void Several_benzodiazepines_are_summed()
    {
        var screening = Given.SafeCase() with {
            Medications =
            [
                new(MedicationClass.Benzodiazepine, "lorazepam", 1m, 5m),
                new(MedicationClass.Benzodiazepine, "clonazepam", 0.5m, 5m),
            ],
        };

        var reason = screening.Reason(RuleIds.Benzodiazepine);

        Assert.Equal(EligibilityOutcome.NeedsReview, reason.Outcome);
        Assert.Contains(reason.Facts, f => f is { Name: "medications.benzodiazepineDiazepamEqMgPerDay", Value: "10" });
    }
}
