namespace Screening.Api.Queries.AnalystDecisions;

/// <summary>One row of reporting.screening_decisions: codes, rule ids and months; nothing that identifies a patient.</summary>
public sealed record ScreeningDecisionRow(
    Guid ScreeningId,
    string Indication,
    string Route,
    DateOnly ReferralMonth,
    string? EligibilityOutcome,
    string Outcome,
    IReadOnlyList<string> FiredRuleIds,
    string? ProtocolVersion,
    DateOnly? DecisionMonth,
    bool ReScreeningRequired);
