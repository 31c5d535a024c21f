namespace Screening.Tests.Screenings.Eligibility;

public class MedicalRuleTests
{
    public static TheoryData<string, Func<MedicalHistory, MedicalHistory>> AbsoluteContraindications => new()
    {
        { RuleIds.AneurysmalVascularDisease, m => m with { AneurysmalVascularDisease = true } },
        { RuleIds.ArteriovenousMalformation, m => m with { ArteriovenousMalformation = true } },
        { RuleIds.IntracerebralHaemorrhage, m => m with { IntracerebralHaemorrhage = true } },
        { RuleIds.KetamineHypersensitivity, m => m with { KetamineHypersensitivity = true } },
        { RuleIds.Pregnancy, m => m with { Pregnant = true } },
        { RuleIds.Breastfeeding, m => m with { Breastfeeding = true } },
    };

    [Theory]
    [MemberData(nameof(AbsoluteContraindications))]
    public void Absolute_contraindications_are_ineligible_and_their_absence_passes(string ruleId, Func<MedicalHistory, MedicalHistory> unsafeChange)
    {
        var unsafeCase = Given.SafeCase().WithMedical(unsafeChange);

        Assert.Equal(EligibilityOutcome.Ineligible, unsafeCase.OutcomeOf(ruleId));
        Assert.Equal(EligibilityOutcome.Ineligible, unsafeCase.Evaluate().Outcome);
        Assert.Equal(EligibilityOutcome.Eligible, Given.SafeCase().OutcomeOf(ruleId));
    }

    [Theory]
    [InlineData(HepaticImpairment.Severe, EligibilityOutcome.Ineligible)]
    [InlineData(HepaticImpairment.Moderate, EligibilityOutcome.NeedsReview)]
    [InlineData(HepaticImpairment.Mild, EligibilityOutcome.Eligible)]
    [InlineData(HepaticImpairment.None, EligibilityOutcome.Eligible)]
    public void Hepatic_impairment_by_grade(HepaticImpairment grade, EligibilityOutcome expected) =>
        Assert.Equal(expected, Given.SafeCase().WithMedical(m => m with { HepaticImpairment = grade }).OutcomeOf(RuleIds.HepaticImpairment));

    [Fact]
    public void Cystitis_needs_review()
    {
        Assert.Equal(EligibilityOutcome.NeedsReview, Given.SafeCase().WithMedical(m => m with { InterstitialOrUlcerativeCystitis = true }).OutcomeOf(RuleIds.Cystitis));
        Assert.Equal(EligibilityOutcome.Eligible, Given.SafeCase().OutcomeOf(RuleIds.Cystitis));
    }

    [Theory]
    [InlineData(true, false, EligibilityOutcome.EligibleWithConditions)]
    [InlineData(true, true, EligibilityOutcome.Eligible)]
    [InlineData(false, false, EligibilityOutcome.Eligible)]
    public void Controlled_hypertension_is_allowed_uncontrolled_needs_clearance(bool hypertension, bool controlled, EligibilityOutcome expected) =>
        Assert.Equal(
            expected,
            Given.SafeCase().WithMedical(m => m with { Hypertension = hypertension, HypertensionControlled = controlled }).OutcomeOf(RuleIds.UncontrolledHypertension));
}
