namespace Scheduling.Api.Courses;

public sealed record CancelSessionRequest(string? Reason, CancellationInitiator InitiatedBy = CancellationInitiator.Clinic)
{
    public FieldErrors Validate() =>
        new FieldErrors().Reason(Reason).Require(
            InitiatedBy is CancellationInitiator.Patient or CancellationInitiator.Clinic,
            "initiatedBy",
            "must be Patient or Clinic (holds and closures cancel by themselves)");
}

public sealed record CancelSession(Guid SessionId, string Reason, CancellationInitiator InitiatedBy)
{
    /// <summary>Cancellation inside the protocol's window before the start is flagged late (for reporting and fees).</summary>
    public static Decision Decide(CancelSession command, TreatmentCourse? state, ClinicTime now, SchedulingProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!CourseRefusals.TryFindSession(state, command.SessionId, dosingOnly: false, out var session, out var refused))
        {
            return refused;
        }

        refused = CourseRefusals.LeavingBooked(session, SessionStatus.Cancelled, $"Only a booked session can be cancelled; this one is {session.Status}.");
        if (refused is not null)
        {
            return refused;
        }

        var late = command.InitiatedBy is CancellationInitiator.Patient or CancellationInitiator.Clinic
            && session.Start - now.Utc < TimeSpan.FromHours(protocol.LateCancellationHours);
        return Decision.Accept(new BookingCancelled(
            state.Id, session.SessionId, session.Kind, session.Start, command.Reason, command.InitiatedBy, late,
            SafetyHoldId: null, protocol.Version, now.Utc));
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder course) =>
        course.MapPost("/sessions/{sessionId:guid}/cancel", Handle)
            .AsCommand("Sessions", "Cancels a booked session with a reason; inside the protocol window it is flagged late", Roles.Scheduler, Roles.System);

    private static Task<Results<Ok<CourseCommandAccepted>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid courseId, Guid sessionId, CancelSessionRequest body, SchedulingProtocol protocol, [AsParameters] CommandContext context) =>
        context.RunOnCourseAsync(
            courseId, (s, now) => Decide(new CancelSession(sessionId, body.Reason?.Trim() ?? string.Empty, body.InitiatedBy), s, now, protocol),
            sessionId, body.Validate());
}
