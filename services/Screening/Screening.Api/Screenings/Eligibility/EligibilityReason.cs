namespace Screening.Api.Screenings.Eligibility;

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

    /// <summary>Records compare lists by reference; audit comparisons need the content.</summary>
    public bool SameAs(EligibilityReason other) =>
        RuleId == other.RuleId
        && Outcome == other.Outcome
        && Explanation == other.Explanation
        && Facts.SequenceEqual(other.Facts);
}
