namespace Integration.Api.Queries;

/// <summary>
/// A course at a glance for clinicians: trajectory per instrument, response and remission, the four-week check, the
/// worsening flag, safety state and open integration work. Computed on read from the write model because several
/// parts (four-week check due or missed, overdue integration) depend on the clock as well as on events.
/// </summary>
public sealed record CourseSummary(
    Guid CourseId,
    Indication Indication,
    TreatmentRoute Route,
    DateTimeOffset ApprovedAt,
    DateTimeOffset? FirstDosingAt,
    int DosingSessions,
    int InductionDoses,
    OutcomeSummary Outcome,
    IReadOnlyList<WorseningReviewFlagRaised> ReviewFlags,
    IReadOnlyList<AdverseEventEntry> AdverseEvents,
    SafetyHold? ActiveHold,
    IReadOnlyList<OverdueIntegrationEntry> OverdueIntegration,
    CourseEvaluation? Evaluation,
    DateTimeOffset? CompletedAt,
    string ProtocolVersion)
{
    public static CourseSummary From(CourseOutcome course, ClinicTime now, IntegrationProtocol protocol, ClinicalProtocol clinic)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(protocol);
        return new CourseSummary(
            course.Id,
            course.Indication,
            course.Route,
            course.ApprovedAt,
            course.FirstDosingAt,
            course.DosingSessions.Count,
            clinic.InductionSessionsFor(course.Route),
            OutcomeAnalysis.Analyse(course, now, protocol),
            course.ReviewFlags,
            course.AdverseEvents,
            course.ActiveHold,
            Queries.OverdueIntegration.Find(course, now, clinic),
            course.Evaluation,
            course.CompletedAt,
            course.OutcomeProtocolVersion);
    }
}
