namespace Screening.Api.Screenings;

/// <summary>Direct identifiers (PHI). They stay in this service and never reach logs, reasons or contracts.</summary>
public sealed record PatientIdentity(string FullName, DateOnly BirthDate, string? Email, string? Phone);
