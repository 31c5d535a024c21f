namespace Platform.Contracts;

// Integration events published by the Integration service.

[MessageUrn("kap:integration:safety-hold-placed.v1")]
public sealed record SafetyHoldPlaced(
    Guid CourseId,
    Guid PatientId,
    Guid HoldId,
    SafetyHoldTrigger Trigger,
    [property: Phi] string Reason,
    DateTimeOffset PlacedAt) : IPhiRecord
{
    Guid IPhiRecord.PhiSubject => CourseId;
}

/// <summary>
/// A prescriber released a hold. Unless <paramref name="ReScreeningNotNeeded"/> is true (the prescriber's explicit
/// waiver, with <paramref name="ReScreeningWaiverReason"/> and <paramref name="ReleasedBy"/>), the course may not dose
/// again: the patient needs a new screening and sign-off. The three members are optional so messages published before
/// they existed still deserialise, and read as "no waiver" (the safe side).
/// </summary>
[MessageUrn("kap:integration:safety-hold-released.v1")]
public sealed record SafetyHoldReleased(
    Guid CourseId,
    Guid PatientId,
    Guid HoldId,
    DateTimeOffset ReleasedAt,
    bool ReScreeningNotNeeded = false,
    [property: Phi] string? ReScreeningWaiverReason = null,
    Guid? ReleasedBy = null) : IPhiRecord
{
    Guid IPhiRecord.PhiSubject => CourseId;
}

[MessageUrn("kap:integration:course-completed.v1")]
public sealed record CourseCompleted(
    Guid CourseId,
    Guid PatientId,
    CourseResponse Response,
    CourseRecommendation Recommendation,
    DateTimeOffset CompletedAt,
    string ProtocolVersion);
