namespace Scheduling.Api.Courses;

public sealed record CloseCourseRequest(string? Reason)
{
    public FieldErrors Validate() => new FieldErrors().Reason(Reason);
}

public sealed record CloseCourse(string Reason)
{
    /// <summary>Closing cancels future dosing sessions; booked therapy sessions stay so care can wind down.</summary>
    public static Decision Decide(CloseCourse command, TreatmentCourse? state, ClinicTime now, SchedulingProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!CourseRefusals.Exists(state, out var refused))
        {
            return refused;
        }

        if (state.Status == CourseStatus.Closed)
        {
            return Decision.Accept();
        }

        var events = new List<object>();
        events.AddRange(state.Sessions
            .Where(s => s.Kind == SessionKind.Dosing && s.Status == SessionStatus.Booked && s.Start > now.Utc)
            .Select(s => new BookingCancelled(
                state.Id, s.SessionId, s.Kind, s.Start, $"Course closed: {command.Reason}", CancellationInitiator.CourseClosure,
                LateCancellation: false, SafetyHoldId: null, protocol.Version, now.Utc)));
        events.Add(new TreatmentCourseClosed(state.Id, command.Reason, now.Utc));
        return Decision.Accept(events);
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder course) =>
        course.MapPost("/close", Handle)
            .AsCommand("Courses", "Closes the course; future dosing sessions are cancelled and their resources freed", Roles.Scheduler, Roles.Prescriber, Roles.System);

    private static Task<Results<Ok<CourseCommandAccepted>, ValidationProblem, ProblemHttpResult>> Handle(Guid courseId, CloseCourseRequest body, SchedulingProtocol protocol, [AsParameters] CommandContext context) =>
        context.RunOnCourseAsync(
            courseId, (s, now) => Decide(new CloseCourse(body.Reason?.Trim() ?? string.Empty), s, now, protocol), inputErrors: body.Validate());
}
