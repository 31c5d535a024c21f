namespace Scheduling.Api.Courses;

public sealed record RecordRemsMonitoring(Guid SessionId, Guid RecordedBy)
{
    /// <summary>Esketamine only: the REMS patient monitoring form was submitted. Allowed after the course closed.</summary>
    public static Decision Decide(RecordRemsMonitoring command, TreatmentCourse? state, ClinicTime now, SchedulingProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!CourseRefusals.TryFindSession(state, command.SessionId, dosingOnly: true, out var session, out var refused))
        {
            return refused;
        }

        if (session.Dosing?.RemsMonitoringDueAt is null)
        {
            return Decision.Reject(RuleIds.RemsNotApplicable, "REMS monitoring applies to completed esketamine sessions only.");
        }

        return session.Dosing.RemsMonitoringRecordedAt is not null
            ? Decision.Accept()
            : Decision.Accept(new RemsMonitoringRecorded(state.Id, session.SessionId, command.RecordedBy, now.Utc));
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder course) =>
        course.MapPost("/sessions/{sessionId:guid}/rems", Handle)
            .AsCommand("Dosing", "Records the esketamine REMS patient monitoring form as submitted", Roles.Medical, Roles.Prescriber);

    private static Task<Results<Ok<CourseCommandAccepted>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid courseId, Guid sessionId, Clinician clinician, SchedulingProtocol protocol, [AsParameters] CommandContext context) =>
        context.RunOnCourseAsync(courseId, (s, now) => Decide(new RecordRemsMonitoring(sessionId, clinician.Id), s, now, protocol), sessionId);
}
