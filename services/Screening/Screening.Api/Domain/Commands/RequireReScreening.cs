namespace Screening.Api.Domain.Commands;

/// <summary>From a safety hold (with its id) or an expired approval: the patient must be screened again.</summary>
public sealed record RequireReScreening(string Reason, Guid? HoldId = null);
