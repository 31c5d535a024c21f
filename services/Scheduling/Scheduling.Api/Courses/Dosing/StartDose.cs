namespace Scheduling.Api.Courses;

public sealed record StartDoseRequest(decimal DoseMg)
{
    /// <summary>A sanity cap per route catches unit and typing errors; it is not a prescribing limit.</summary>
    public FieldErrors Validate(TreatmentRoute route, SchedulingProtocol protocol)
    {
        var errors = new FieldErrors();
        var routeProtocol = protocol.ForRoute(route);
        if (DoseMg <= 0)
        {
            return errors.Add("doseMg", "must be greater than 0");
        }

        if (DoseMg > routeProtocol.MaxDoseMg)
        {
            return errors.Add("doseMg", $"must not exceed {routeProtocol.MaxDoseMg} mg for {route}");
        }

        return routeProtocol.DoseIncrementMg > 0 && DoseMg % routeProtocol.DoseIncrementMg != 0
            ? errors.Add("doseMg", $"must be a multiple of {routeProtocol.DoseIncrementMg} mg for {route}")
            : errors;
    }
}

public sealed record StartDose(Guid SessionId, decimal DoseMg, Guid AdministeredBy)
{
    /// <summary>
    /// The dose starts only with a fresh check-in that passes all three gates (blood pressure at or below the
    /// threshold, fasting, ride home), no safety hold, a valid approval and preparation held.
    /// </summary>
    public static Decision Decide(StartDose command, TreatmentCourse? state, ClinicTime now, SchedulingProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!CourseRefusals.TryFindSession(state, command.SessionId, dosingOnly: true, out var session, out var refused, openOnly: true))
        {
            return refused;
        }

        if (session.Status == SessionStatus.DoseInProgress && session.Dosing?.DoseMg == command.DoseMg)
        {
            return Decision.Accept();
        }

        if (session.Status != SessionStatus.Booked)
        {
            return Decision.Reject(RuleIds.SessionState, $"The dose cannot start; the session is {session.Status}.");
        }

        refused = CourseRefusals.DosingBlocked(state) ?? CourseRefusals.ApprovalProblem(state, now.Utc);
        if (refused is not null)
        {
            return refused;
        }

        if (!state.IsPreparationComplete || session.TherapistId != state.TherapistId)
        {
            return Decision.Reject(
                RuleIds.PreparationIncomplete,
                "Preparation with the matched therapist must be held before the first dose, and that therapist must sit the session.");
        }

        var checkIn = session.Dosing?.CheckIn;
        if (checkIn is null)
        {
            return Decision.Reject(RuleIds.CheckInMissing, "Record the check-in (BP, HR, fasting, ride home) before the dose.");
        }

        if (now.Utc - checkIn.RecordedAt > TimeSpan.FromMinutes(protocol.CheckInValidMinutes))
        {
            return Decision.Reject(
                RuleIds.CheckInStale, $"The check-in is older than {protocol.CheckInValidMinutes} minutes; record it again.");
        }

        var failed = DosingGates.Failed(checkIn, protocol);
        if (failed.Count > 0)
        {
            return Decision.Reject(failed[0].RuleId, string.Join(" ", failed.Select(f => f.Detail)));
        }

        return Decision.Accept(new DoseStarted(state.Id, session.SessionId, command.DoseMg, command.AdministeredBy, protocol.Version, now.Utc));
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder course) =>
        course.MapPost("/sessions/{sessionId:guid}/dose", Handle)
            .AsCommand("Dosing", "Starts the dose; refused unless a fresh check-in passed all three gates", Roles.Medical);

    private static async Task<Results<Ok<CourseCommandAccepted>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid courseId, Guid sessionId, StartDoseRequest body, Clinician clinician, SchedulingProtocol protocol, [AsParameters] CommandContext context)
    {
        // The dose range depends on the course's route: checked on the course loaded for writing, not loaded twice.
        return await context.RunOnCourseAsync(
            courseId, (s, now) => Decide(new StartDose(sessionId, body.DoseMg, clinician.Id), s, now, protocol), sessionId,
            inputErrorsOn: course => body.Validate(course.Route, protocol));
    }
}
