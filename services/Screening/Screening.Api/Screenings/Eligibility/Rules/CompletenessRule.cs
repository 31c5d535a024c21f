namespace Screening.Api.Screenings;

/// <summary>Missing facts must never read as "eligible": the rules that need them simply did not run.</summary>
public static class CompletenessRule
{
    public static EligibilityReason Evaluate(ScreeningCase screening, ScreeningProtocol protocol, DateOnly today)
    {
        var missing = RequiredFacts.Missing(screening);
        var facts = new[] { ReasonFact.Of("missing", missing.Count == 0 ? "none" : string.Join(", ", missing)) };
        return missing.Count == 0
            ? EligibilityReason.Eligible(RuleIds.Incomplete, "Every required fact is recorded.", facts)
            : EligibilityReason.NeedsReview(RuleIds.Incomplete, $"Incomplete: {string.Join(", ", missing)} not recorded.", facts);
    }
}
