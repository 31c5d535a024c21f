namespace Screening.Tests.Screenings.Eligibility;

public class SafeCaseTests
{
    [Fact]
    public void A_complete_safe_case_is_eligible_with_every_rule_explained()
    {
        var evaluation = Given.SafeCase().Evaluate();

        Assert.Equal(EligibilityOutcome.Eligible, evaluation.Outcome);
        Assert.Empty(evaluation.Findings);
        Assert.Empty(evaluation.Conditions);
        Assert.Empty(evaluation.Flags);
        Assert.Equal("2026.1", evaluation.ProtocolVersion);
        Assert.All(evaluation.Reasons, r => Assert.False(string.IsNullOrWhiteSpace(r.Explanation)));
        Assert.All(evaluation.Reasons, r => Assert.NotEmpty(r.Facts));
    }

    [Fact]
    public void Every_rule_runs_on_a_complete_case()
    {
        // Route- and indication-specific rules are covered elsewhere; here: the general ones all report.
        var ruleIds = Given.SafeCase().Evaluate().Reasons.Select(r => r.RuleId).ToHashSet();

        // All but the esketamine-only age rule, plus the two recency rules that run on the clinic clock.
        Assert.Equal(EligibilityRules.All.Count - 1 + 2, ruleIds.Count);
        Assert.DoesNotContain(RuleIds.EsketamineAge, ruleIds);
    }

    [Fact]
    public void Reasons_never_carry_patient_identity()
    {
        var screening = Given.SafeCase();
        var values = screening.Evaluate().Reasons.SelectMany(r => r.Facts).Select(f => f.Value).ToList();

        Assert.DoesNotContain(values, v => v.Contains(screening.Referral.Patient.FullName, StringComparison.Ordinal));
        Assert.DoesNotContain(values, v => v.Contains("1985-06-01", StringComparison.Ordinal));
    }

    [Fact]
    public void The_worst_reason_wins()
    {
        var screening = Given.SafeCase()
            .WithMedical(m => m with { InterstitialOrUlcerativeCystitis = true, Pregnant = true });

        Assert.Equal(EligibilityOutcome.Ineligible, screening.Evaluate().Outcome);
        Assert.Equal([RuleIds.Pregnancy, RuleIds.Cystitis], screening.Evaluate().FiredRuleIds);
    }
}
