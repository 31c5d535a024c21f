using Integration.Api.Domain;

namespace Integration.Api.AdverseEvents;

/// <summary>
/// An adverse event. Type and severity are required and must be names the service knows; onset is minutes after the
/// start of the dose it follows. Description, action taken and outcome are clinical free text (PHI).
/// </summary>
public sealed record RecordAdverseEventRequest(
    AdverseEventType? Type,
    AdverseEventSeverity? Severity,
    DateTimeOffset? OccurredAt,
    int? OnsetMinutesAfterDose,
    Guid? DosingSessionId,
    string? Description,
    string? ActionTaken,
    string? Outcome);

/// <summary>A medical professional's or prescriber's grade; grading up to severe or serious places a hold.</summary>
public sealed record GradeAdverseEventRequest(AdverseEventSeverity? Severity, string? Reason);
