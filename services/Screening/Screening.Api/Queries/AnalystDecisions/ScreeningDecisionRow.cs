namespace Screening.Api.Queries;

/// <summary>One row of reporting.screening_decisions: pseudonyms, codes, rule categories and months; nothing that identifies a patient.</summary>
public sealed record ScreeningDecisionRow(
    Guid ScreeningKey,
    string Clinic,
    Guid? CourseKey,
    string Indication,
    string Route,
    DateOnly ReferralMonth,
    string? EligibilityOutcome,
    string Outcome,
    IReadOnlyList<string> FiredRuleCategories,
    string? ProtocolVersion,
    DateOnly? DecisionMonth,
    bool ReScreeningRequired);
