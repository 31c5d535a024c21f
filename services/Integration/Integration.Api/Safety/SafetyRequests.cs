namespace Integration.Api.Safety;

/// <summary>A recorded pregnancy. <paramref name="ReportedAt"/> defaults to now; <paramref name="Note"/> is PHI.</summary>
public sealed record ReportPregnancyRequest(DateTimeOffset? ReportedAt, string? Note);

/// <summary>
/// Releases the course's active safety hold (or the named one). The justification is required and stays in this
/// service: it is clinical text and is not published.
/// </summary>
public sealed record ReleaseHoldRequest(Guid? HoldId, string? Justification);
