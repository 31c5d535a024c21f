namespace Screening.Api.Domain.Events;

/// <summary>
/// This screening no longer supports dosing (safety hold, expired approval): the patient needs a new
/// screening case. <paramref name="HoldId"/> is set when a safety hold caused it.
/// </summary>
public sealed record ReScreeningRequired(
    Guid ScreeningId,
    Guid PatientId,
    Guid? CourseId,
    Guid? HoldId,
    string Reason,
    DateTimeOffset RequiredAt);
