using Platform.Contracts;

namespace Screening.Api.Screenings;

/// <summary>The overall result: the worst reason wins; conditions and flags come from the reasons.</summary>
public sealed record EligibilityEvaluation(
    EligibilityOutcome Outcome,
    IReadOnlyList<EligibilityReason> Reasons,
    IReadOnlyList<ApprovalCondition> Conditions,
    IReadOnlyList<EligibilityFlag> Flags,
    string ProtocolVersion)
{
    /// <summary>Reasons that did not pass: what the analyst table calls "rule ids that fired".</summary>
    public IReadOnlyList<EligibilityReason> Findings => Reasons.Where(r => r.Outcome != EligibilityOutcome.Eligible).ToList();

    public IReadOnlyList<string> FiredRuleIds => Findings.Select(r => r.RuleId).ToList();

    public bool IsComplete => Reasons.Any(r => r.RuleId == RuleIds.Incomplete && r.Outcome == EligibilityOutcome.Eligible);

    public EligibilityEvaluated ToEvent(Guid screeningId, DateTimeOffset at) =>
        new(screeningId, Outcome, Reasons, Conditions, Flags, ProtocolVersion, at);

    /// <summary>True when the event already says the same: nothing to append.</summary>
    public bool SameAs(EligibilityEvaluated? recorded) =>
        recorded is not null
        && recorded.Outcome == Outcome
        && recorded.ProtocolVersion == ProtocolVersion
        && recorded.Conditions.SequenceEqual(Conditions)
        && recorded.Flags.SequenceEqual(Flags)
        && recorded.Reasons.Count == Reasons.Count
        && recorded.Reasons.Zip(Reasons).All(pair => pair.First.SameAs(pair.Second));

    /// <summary>True when both reach the same outcome through the same findings, conditions and flags (texts aside).</summary>
    public bool SameResultAs(EligibilityEvaluation other) =>
        other.Outcome == Outcome
        && other.FiredRuleIds.SequenceEqual(FiredRuleIds)
        && other.Conditions.SequenceEqual(Conditions)
        && other.Flags.SequenceEqual(Flags);
}
