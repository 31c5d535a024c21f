namespace Screening.Api.Queries;

/// <summary>
/// What analysts see instead of a rule id: "SCR-PSYCHOSIS-FAMILY" or "SCR-PREGNANCY" next to a month and an
/// indication says too much about one person; the category is enough to study why screenings end as they do.
/// </summary>
public static class RuleCategories
{
    public const string Other = "other";

    private static readonly Dictionary<string, string> ByRuleId = new(StringComparer.Ordinal) {
        [RuleIds.Incomplete] = "completeness",
        [RuleIds.PsychosisSelf] = "psychiatric",
        [RuleIds.PsychosisFamily] = "psychiatric",
        [RuleIds.CurrentMania] = "psychiatric",
        [RuleIds.Bipolar] = "psychiatric",
        [RuleIds.SuicideRisk] = "suicide-risk",
        [RuleIds.AneurysmalVascularDisease] = "cardiovascular",
        [RuleIds.ArteriovenousMalformation] = "cardiovascular",
        [RuleIds.IntracerebralHaemorrhage] = "cardiovascular",
        [RuleIds.MyocardialInfarction] = "cardiovascular",
        [RuleIds.Arrhythmia] = "cardiovascular",
        [RuleIds.Cerebrovascular] = "cardiovascular",
        [RuleIds.UncontrolledHypertension] = "cardiovascular",
        [RuleIds.BloodPressure] = "cardiovascular",
        [RuleIds.Pregnancy] = "reproductive",
        [RuleIds.Breastfeeding] = "reproductive",
        [RuleIds.SubstanceUse] = "substance-use",
        [RuleIds.KetamineMisuse] = "substance-use",
        [RuleIds.KetamineHypersensitivity] = "medical",
        [RuleIds.HepaticImpairment] = "medical",
        [RuleIds.Cystitis] = "medical",
        [RuleIds.Maoi] = "medication",
        [RuleIds.Psychostimulant] = "medication",
        [RuleIds.Benzodiazepine] = "medication",
        [RuleIds.TrdFirstLine] = "prior-treatment",
        [RuleIds.NoPriorPsychotherapy] = "prior-treatment",
        [RuleIds.EsketamineAge] = "age",
        [RuleIds.InstrumentStale] = "recency",
        [RuleIds.VitalsStale] = "recency",
    };

    /// <summary>The distinct categories of the rules, sorted; an id this table does not know counts as "other".</summary>
    public static string[] Of(IEnumerable<string> ruleIds) =>
        [.. ruleIds.Select(id => ByRuleId.GetValueOrDefault(id, Other)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
