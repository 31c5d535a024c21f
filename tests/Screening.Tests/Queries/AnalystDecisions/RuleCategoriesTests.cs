using System.Reflection;
using Screening.Api.Queries;

namespace Screening.Tests;

public class RuleCategoriesTests
{
    [Fact]
    public void Analysts_see_the_category_of_a_finding_never_the_diagnosis_it_names()
    {
        Assert.Equal(["psychiatric", "reproductive"], RuleCategories.Of([RuleIds.PsychosisFamily, RuleIds.Pregnancy, RuleIds.Bipolar]));
    }

    [Fact]
    public void Every_eligibility_rule_id_has_a_category()
    {
        // A new eligibility rule must be given a category here; only these command refusals never reach the table.
        string[] refusals = [
            RuleIds.CaseNotFound, RuleIds.CaseExists, RuleIds.UnknownPatient, RuleIds.PatientIdentityConflict, RuleIds.CaseClosed,
            RuleIds.InvalidInput, RuleIds.JustificationRequired, RuleIds.DeclineReasonRequired, RuleIds.NotApproved,
            RuleIds.ErasureBeforeRetention, RuleIds.ErasureOpenScreening, RuleIds.AmendmentChangesApproval,
        ];
        var eligibilityRules = typeof(RuleIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Except(refusals)
            .ToList();

        Assert.All(eligibilityRules, id => Assert.NotEqual(RuleCategories.Other, Assert.Single(RuleCategories.Of([id]))));
    }
}
