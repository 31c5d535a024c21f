namespace Screening.Api.Screenings;

/// <summary>One rule's verdict, in plain English, with the facts it used.</summary>
public sealed record EligibilityReason(
    string RuleId,
    EligibilityOutcome Outcome,
    string Explanation,
    IReadOnlyList<ReasonFact> Facts)
{
    public static EligibilityReason Eligible(string ruleId, string explanation, params ReasonFact[] facts) =>
        new(ruleId, EligibilityOutcome.Eligible, explanation, facts);

    public static EligibilityReason WithConditions(string ruleId, string explanation, params ReasonFact[] facts) =>
        new(ruleId, EligibilityOutcome.EligibleWithConditions, explanation, facts);

    public static EligibilityReason NeedsReview(string ruleId, string explanation, params ReasonFact[] facts) =>
        new(ruleId, EligibilityOutcome.NeedsReview, explanation, facts);

    public static EligibilityReason Ineligible(string ruleId, string explanation, params ReasonFact[] facts) =>
        new(ruleId, EligibilityOutcome.Ineligible, explanation, facts);

    /// <summary>
    /// A rule decided by one yes/no answer of a history. The answer is recorded as the fact either way, so the reason
    /// shows what was asked; <paramref name="whenPresent"/> is the verdict when the answer is yes, Eligible otherwise.
    /// </summary>
    public static EligibilityReason OnFlag(
        bool present, string ruleId, string factName, EligibilityOutcome whenPresent, string presentExplanation, string absentExplanation) =>
        new(ruleId, present ? whenPresent : EligibilityOutcome.Eligible, present ? presentExplanation : absentExplanation, [ReasonFact.Of(factName, present)]);

    /// <summary>Records compare lists by reference; audit comparisons need the content.</summary>
    public bool SameAs(EligibilityReason other) =>
        RuleId == other.RuleId
        && Outcome == other.Outcome
        && Explanation == other.Explanation
        && Facts.SequenceEqual(other.Facts);
}
