namespace Screening.Api.Domain.Commands;

/// <summary>Re-runs the rules without a new fact: time passes (abstinence, age) and protocols change.</summary>
public sealed record ReEvaluateEligibility;
