namespace Screening.Api.Screenings;

/// <summary>Direct identifiers (PHI). They stay in this service and never reach logs, reasons or contracts.</summary>
public sealed record PatientIdentity([property: Phi] string FullName, [property: Phi] DateOnly BirthDate, [property: Phi] string? Email, [property: Phi] string? Phone);
