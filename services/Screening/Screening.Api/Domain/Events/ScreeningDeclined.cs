namespace Screening.Api.Domain.Events;

/// <summary>
/// The prescriber declined. Same name as the integration contract <c>Platform.Contracts.ScreeningDeclined</c>:
/// qualify one of them where both namespaces are imported.
/// </summary>
public sealed record ScreeningDeclined(
    Guid ScreeningId,
    Guid PatientId,
    Guid PrescriberId,
    string Reason,
    IReadOnlyList<string> RuleIds,
    DateTimeOffset DeclinedAt,
    string ProtocolVersion);
