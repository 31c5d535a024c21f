namespace Integration.Api.Courses;

/// <summary>
/// The prescriber's evaluation after the induction series. Only the recommendation is chosen: the response class
/// (remitter, responder, non-responder) is computed from the outcome data. <paramref name="Rationale"/> is PHI.
/// </summary>
public sealed record EvaluateCourseRequest(CourseRecommendation? Recommendation, string? Rationale = null)
{
    public FieldErrors Validate() =>
        new FieldErrors()
            .Require(Recommendation is not null, "recommendation", "is required")
            .Require(Recommendation is not { } r || Enum.IsDefined(r), "recommendation", "unknown recommendation")
            .Require(TextLimits.Within(Rationale, TextLimits.MaxNotesLength), "rationale", $"must be at most {TextLimits.MaxNotesLength} characters");
}

public sealed record EvaluateCourse(
    Guid CourseId,
    CourseRecommendation Recommendation,
    Guid EvaluatedBy,
    string? Rationale)
{
    /// <summary>
    /// Stop may end a course early (the usual answer to a serious adverse event); discharge and maintenance need the
    /// route's full induction series (the shared clinic protocol: esketamine 12, the others 6) and outcome data, and
    /// maintenance cannot be recommended while the course is held.
    /// </summary>
    public static Decision Decide(EvaluateCourse command, CourseOutcome? state, ClinicTime now, IntegrationProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(protocol);
        if (!CourseRefusals.Exists(state, command.CourseId, out var refused))
        {
            return refused;
        }

        if (state.IsCompleted)
        {
            return CourseRefusals.Completed(state);
        }

        var classification = OutcomeAnalysis.Classify(state, protocol);
        if (command.Recommendation != CourseRecommendation.Stop)
        {
            var required = protocol.Clinic.InductionSessionsFor(state.Route);
            if (state.DosingSessions.Count < required)
            {
                return Decision.Reject(
                    RuleIds.EvaluationBeforeInduction,
                    $"The induction series for {state.Route} is {required} dosing sessions; {state.DosingSessions.Count} recorded. Only 'Stop' may end a course early.");
            }

            if (command.Recommendation == CourseRecommendation.Maintenance && state.ActiveHold is not null)
            {
                return Decision.Reject(RuleIds.MaintenanceUnderHold, "Maintenance cannot be recommended while a safety hold is active.");
            }

            if (classification is null)
            {
                return Decision.Reject(
                    RuleIds.EvaluationWithoutOutcomeData,
                    "No instrument with a baseline has been measured since the first dose, so response cannot be computed.");
            }
        }

        // A course stopped before anything could be measured is not a non-responder: counting it as one would lower
        // the response rates analysts compute.
        var response = classification?.Response ?? CourseResponse.NotEvaluable;
        return Decision.Accept(
            new CourseEvaluated(
                command.CourseId, response, command.Recommendation, classification?.Instrument,
                classification?.BaselineTotal, classification?.FinalTotal, state.DosingSessions.Count,
                command.EvaluatedBy, now.Utc, command.Rationale),
            new CourseOutcomeCompleted(command.CourseId, state.PatientId, response, command.Recommendation, now.Utc, protocol.Version));
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/evaluation", Handle)
            .AsCommand("Course evaluation", "Evaluate and complete the course (discharge, maintenance or stop); publishes CourseCompleted", Roles.Prescriber);

    private static async Task<Results<Ok<RecordAccepted>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid courseId, EvaluateCourseRequest body, IntegrationProtocol protocol, Clinician clinician,
        [AsParameters] CommandContext context)
    {
        var now = context.Now;
        var command = new EvaluateCourse(courseId, body.Recommendation ?? default, clinician.Id, body.Rationale);
        return await context.RecordOnCourseAsync(
            courseId,
            state => Decide(command, state, now, protocol),
            () => courseId,
            body.Validate());
    }
}
