using MassTransit;

namespace Platform.Contracts;

// Integration events published by the Integration service.

[MessageUrn("kap:integration:safety-hold-placed.v1")]
public sealed record SafetyHoldPlaced(
    Guid CourseId,
    Guid PatientId,
    Guid HoldId,
    SafetyHoldTrigger Trigger,
    string Reason,
    DateTimeOffset PlacedAt);

[MessageUrn("kap:integration:safety-hold-released.v1")]
public sealed record SafetyHoldReleased(
    Guid CourseId,
    Guid PatientId,
    Guid HoldId,
    DateTimeOffset ReleasedAt);

[MessageUrn("kap:integration:course-completed.v1")]
public sealed record CourseCompleted(
    Guid CourseId,
    Guid PatientId,
    CourseResponse Response,
    CourseRecommendation Recommendation,
    DateTimeOffset CompletedAt,
    string ProtocolVersion);
