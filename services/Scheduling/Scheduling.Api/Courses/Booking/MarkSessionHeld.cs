namespace Scheduling.Api.Courses;

/// <summary>A preparation or integration session took place.</summary>
public sealed record MarkSessionHeld(Guid SessionId)
{
    /// <summary>
    /// Marks a preparation or integration session as held. The preparation phase completes when the
    /// protocol's number of sessions with the matched therapist have been held.
    /// </summary>
    public static Decision Decide(MarkSessionHeld command, TreatmentCourse? state, ClinicTime now, SchedulingProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!CourseRefusals.TryFindSession(state, command.SessionId, dosingOnly: false, out var session, out var refused))
        {
            return refused;
        }

        if (session.Kind == SessionKind.Dosing)
        {
            return Decision.Reject(RuleIds.WrongSessionKind, "A dosing session is completed by discharging the patient.");
        }

        refused = CourseRefusals.LeavingBooked(session, SessionStatus.Held, $"Only a booked session can be held; this one is {session.Status}.");
        if (refused is not null)
        {
            return refused;
        }

        if (now.Utc < session.Start)
        {
            return Decision.Reject(RuleIds.SessionNotStarted, "A session cannot be marked held before it starts.");
        }

        var events = new List<object> { new SessionHeld(state.Id, session.SessionId, session.Kind, session.TherapistId, now.Utc) };
        if (session.Kind == SessionKind.Preparation && session.TherapistId == state.TherapistId && !state.IsPreparationComplete)
        {
            var held = state.HeldPreparationWithMatchedTherapist() + 1;
            if (held >= state.Plan.PreparationSessions)
            {
                events.Add(new PreparationPhaseCompleted(state.Id, session.TherapistId, held, now.Utc));
            }
        }

        return Decision.Accept(events);
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder course) =>
        course.MapPost("/sessions/{sessionId:guid}/held", Handle)
            .AsCommand("Sessions", "The therapist marks a preparation or integration session as held", Roles.Therapist);

    private static Task<Results<Ok<CourseCommandAccepted>, ValidationProblem, ProblemHttpResult>> Handle(Guid courseId, Guid sessionId, SchedulingProtocol protocol, [AsParameters] CommandContext context) =>
        context.RunOnCourseAsync(courseId, (s, now) => Decide(new MarkSessionHeld(sessionId), s, now, protocol), sessionId);
}
