namespace Screening.Api.Domain.Commands;

/// <summary>
/// The prescriber's sign-off. The caller mints <paramref name="CourseId"/> (e.g. <c>Guid.CreateVersion7()</c>)
/// so the decide function stays pure. <paramref name="Justification"/> is required when the outcome is
/// "needs review".
/// </summary>
public sealed record ApproveScreening(Guid CourseId, Guid PrescriberId, string? Justification);
