using Platform.Contracts;

namespace Integration.Api.Domain;

// Commands carry ids minted by the caller (HTTP handler or consumer) so a retried request decides the same way.

public sealed record OpenCourseOutcome(
    Guid CourseId,
    Guid PatientId,
    Indication Indication,
    TreatmentRoute Route,
    IReadOnlyList<BaselineScore> BaselineScores,
    DateTimeOffset ApprovedAt,
    string ScreeningProtocolVersion)
{
    public static OpenCourseOutcome From(PatientApprovedForTreatment message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new OpenCourseOutcome(
            message.CourseId,
            message.PatientId,
            message.Indication,
            message.Route,
            [.. message.BaselineScores.Select(s => new BaselineScore(s.Instrument, s.Total, s.Band, s.AdministeredAt))],
            message.ApprovedAt,
            message.ProtocolVersion);
    }
}

public sealed record RecordDosingSession(
    Guid CourseId,
    Guid SessionId,
    int DosingNumber,
    TreatmentRoute Route,
    decimal DoseMg,
    DateTimeOffset DoseStartedAt,
    DateTimeOffset DischargedAt,
    VitalsReading PreDose,
    VitalsReading? AtFortyMinutes,
    VitalsReading AtDischarge,
    int? CadssScore,
    Guid TherapistId,
    Guid MedicalProfessionalId)
{
    public static RecordDosingSession From(DosingSessionCompleted message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new RecordDosingSession(
            message.CourseId, message.SessionId, message.DosingNumber, message.Route, message.DoseMg,
            message.DoseStartedAt, message.DischargedAt, message.PreDose, message.AtFortyMinutes,
            message.AtDischarge, message.CadssScore, message.TherapistId, message.MedicalProfessionalId);
    }
}

public sealed record SetIntentions(
    Guid CourseId,
    Guid IntentionsId,
    int? ForDosingNumber,
    Guid TherapistId,
    DateTimeOffset SetAt,
    string Intentions);

public sealed record HoldIntegrationSession(
    Guid CourseId,
    Guid IntegrationSessionId,
    Guid? DosingSessionId,
    Guid TherapistId,
    DateTimeOffset HeldAt,
    IReadOnlyList<string> Themes,
    string? Notes);

public sealed record RecordOutcome(
    Guid CourseId,
    Guid MeasurementId,
    ScoredInstrument Scored,
    DateTimeOffset MeasuredAt,
    Guid RecordedBy);

public sealed record RecordAdverseEvent(
    Guid CourseId,
    Guid AdverseEventId,
    AdverseEventType Type,
    AdverseEventSeverity Severity,
    DateTimeOffset OccurredAt,
    int? OnsetMinutesAfterDose,
    Guid? DosingSessionId,
    string? Description,
    string ActionTaken,
    string Outcome,
    Guid RecordedBy);

public sealed record GradeAdverseEvent(
    Guid CourseId,
    Guid AdverseEventId,
    AdverseEventSeverity Severity,
    string Reason,
    Guid GradedBy);

public sealed record ReportPregnancy(
    Guid CourseId,
    Guid ReportId,
    DateTimeOffset ReportedAt,
    Guid ReportedBy,
    string? Note);

/// <summary>Only a prescriber may send this; the role is checked at HTTP. A null hold id means the active hold.</summary>
public sealed record ReleaseHold(
    Guid CourseId,
    Guid? HoldId,
    string Justification,
    Guid PrescriberId);

public sealed record EvaluateCourse(
    Guid CourseId,
    CourseRecommendation Recommendation,
    Guid EvaluatedBy,
    string? Rationale);
