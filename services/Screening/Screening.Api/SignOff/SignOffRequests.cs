namespace Screening.Api.SignOff;

/// <summary>A written justification is required when the screening needs review.</summary>
public sealed record ApprovalRequest(string? Justification = null);

public sealed record DeclineRequest(string Reason);

/// <summary>The approval and the course id minted for it (the course's stream id in every service).</summary>
public sealed record ApprovalAccepted(Guid Id, Guid CourseId, DateTimeOffset ValidUntil, long Version);
