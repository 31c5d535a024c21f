namespace Integration.Api.Queries;

/// <summary>
/// Integration's record of one course, as <c>GET /courses/{courseId}</c> answers it. Declared field by field: a field
/// added to the write model (<see cref="CourseOutcome"/>) is not published until someone adds it here. Integration
/// session notes are psychotherapy notes and have no field here: they are read at <c>/courses/{courseId}/notes</c>.
/// </summary>
public sealed record CourseRecord(
    Guid Id,
    Guid PatientId,
    Indication Indication,
    TreatmentRoute Route,
    DateTimeOffset ApprovedAt,
    string ScreeningProtocolVersion,
    string OutcomeProtocolVersion,
    IReadOnlyList<BaselineScore> Baseline,
    IReadOnlyList<DosingSessionRecorded> DosingSessions,
    IReadOnlyList<Guid> StartedDosingSessionIds,
    IReadOnlyList<IntegrationSessionEntry> IntegrationSessions,
    IReadOnlyList<OutcomeMeasured> Measurements,
    IReadOnlyList<WorseningReviewFlagRaised> ReviewFlags,
    IReadOnlyList<AdverseEventEntry> AdverseEvents,
    IReadOnlyList<SafetyHold> Holds,
    SafetyHold? ActiveHold,
    CourseEvaluation? Evaluation,
    DateTimeOffset? FirstDosingAt,
    DateTimeOffset? CompletedAt,
    long Version)
{
    public static CourseRecord From(CourseOutcome course)
    {
        ArgumentNullException.ThrowIfNull(course);
        return new CourseRecord(
            course.Id,
            course.PatientId,
            course.Indication,
            course.Route,
            course.ApprovedAt,
            course.ScreeningProtocolVersion,
            course.OutcomeProtocolVersion,
            course.Baseline,
            course.DosingSessions,
            course.StartedDosingSessionIds,
            [.. course.IntegrationSessions.Select(s => new IntegrationSessionEntry(
                s.IntegrationSessionId, s.DosingSessionId, s.TherapistId, s.HeldAt, s.Themes, s.RecordedAt))],
            course.Measurements,
            course.ReviewFlags,
            course.AdverseEvents,
            course.Holds,
            course.ActiveHold,
            course.Evaluation,
            course.FirstDosingAt,
            course.CompletedAt,
            course.Version);
    }
}

/// <summary>An integration session without its notes.</summary>
public sealed record IntegrationSessionEntry(
    Guid IntegrationSessionId, Guid? DosingSessionId, Guid TherapistId, DateTimeOffset HeldAt, IReadOnlyList<string> Themes, DateTimeOffset RecordedAt);
