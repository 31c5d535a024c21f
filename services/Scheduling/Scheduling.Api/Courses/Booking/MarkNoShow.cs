namespace Scheduling.Api.Courses;

public sealed record MarkNoShow(Guid SessionId)
{
    public static Decision Decide(MarkNoShow command, TreatmentCourse? state, ClinicTime now, SchedulingProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!CourseRefusals.TryFindSession(state, command.SessionId, dosingOnly: false, out var session, out var refused))
        {
            return refused;
        }

        const string NotBooked = "Only a booked session the patient never checked in to can be a no-show.";
        refused = CourseRefusals.LeavingBooked(session, SessionStatus.NoShow, NotBooked);
        if (refused is not null)
        {
            return refused;
        }

        if (session.Dosing?.CheckIn is not null)
        {
            return Decision.Reject(RuleIds.SessionState, NotBooked);
        }

        if (now.Utc < session.Start)
        {
            return Decision.Reject(RuleIds.SessionNotStarted, "A no-show can only be recorded once the session should have started.");
        }

        return Decision.Accept(new PatientMarkedNoShow(state.Id, session.SessionId, session.Kind, session.Start, now.Utc));
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder course) =>
        course.MapPost("/sessions/{sessionId:guid}/no-show", Handle)
            .AsCommand("Sessions", "Records that the patient did not come", Roles.Scheduler, Roles.Therapist, Roles.Medical, Roles.System);

    private static Task<Results<Ok<CourseCommandAccepted>, ValidationProblem, ProblemHttpResult>> Handle(Guid courseId, Guid sessionId, SchedulingProtocol protocol, [AsParameters] CommandContext context) =>
        context.RunOnCourseAsync(courseId, (s, now) => Decide(new MarkNoShow(sessionId), s, now, protocol), sessionId);
}
