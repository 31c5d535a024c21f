using Platform.Contracts;

namespace Screening.Api.Screenings;

public static class EligibilityEvaluator
{
    private static readonly Dictionary<string, EligibilityFlag> FlagsByRule = new(StringComparer.Ordinal) {
        [RuleIds.SuicideRisk] = EligibilityFlag.HighSuicideRisk,
    };

    /// <summary>
    /// Every rule at the clinic clock's "now": "recent", "months ago" and age are measured from its calendar date, and
    /// the baseline's recency (<see cref="RecencyRules"/>) from the same clock.
    /// </summary>
    public static EligibilityEvaluation Evaluate(ScreeningCase screening, ScreeningProtocol protocol, ClinicTime now) =>
        Evaluate(screening, protocol, now.Today, [.. EligibilityRules.All, .. RecencyRules.At(now)]);

    public static EligibilityEvaluation Evaluate(
        ScreeningCase screening,
        ScreeningProtocol protocol,
        DateOnly today,
        IEnumerable<EligibilityRule> rules)
    {
        ArgumentNullException.ThrowIfNull(screening);
        ArgumentNullException.ThrowIfNull(protocol);

        var reasons = rules
            .Select(rule => rule(screening, protocol, today))
            .OfType<EligibilityReason>()
            .ToList();

        var outcome = reasons.Count == 0 ? EligibilityOutcome.Eligible : reasons.Max(r => r.Outcome);
        var conditions = reasons
            .Where(r => r.Outcome == EligibilityOutcome.EligibleWithConditions)
            .Select(r => new ApprovalCondition(r.RuleId, r.Explanation))
            .ToList();
        var flags = reasons
            .Where(r => r.Outcome != EligibilityOutcome.Eligible && FlagsByRule.ContainsKey(r.RuleId))
            .Select(r => FlagsByRule[r.RuleId])
            .Distinct()
            .ToList();

        return new EligibilityEvaluation(outcome, reasons, conditions, flags, protocol.Version);
    }
}
