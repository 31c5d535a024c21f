namespace Integration.Api.Courses;

/// <summary>A recorded pregnancy. <paramref name="ReportedAt"/> defaults to now; <paramref name="Note"/> is PHI.</summary>
public sealed record ReportPregnancyRequest(DateTimeOffset? ReportedAt = null, string? Note = null)
{
    public FieldErrors Validate(DateTimeOffset now) =>
        new FieldErrors()
            .NotInFuture(ReportedAt, now, "reportedAt")
            .Require(TextLimits.Within(Note, TextLimits.MaxNotesLength), "note", $"must be at most {TextLimits.MaxNotesLength} characters");
}

public sealed record ReportPregnancy(
    Guid CourseId,
    Guid ReportId,
    DateTimeOffset ReportedAt,
    Guid ReportedBy,
    string? Note)
{
    /// <summary>Open after completion too: a pregnancy reported late must still hold the course.</summary>
    public static Decision Decide(ReportPregnancy command, CourseOutcome? state, ClinicTime now, IntegrationProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!CourseRefusals.Exists(state, command.CourseId, out var refused))
        {
            return refused;
        }

        if (state.PregnancyReportIds.Contains(command.ReportId))
        {
            return Decision.Accept();
        }

        if (command.ReportedAt < state.ApprovedAt)
        {
            return CourseRefusals.BeforeCourse("pregnancy report", command.ReportedAt, state);
        }

        return Decision.Accept(
            new PregnancyReported(command.CourseId, command.ReportId, command.ReportedAt, command.ReportedBy, command.Note),
            PlaceSafetyHold.PlaceOrAdd(state, SafetyHoldTrigger.Pregnancy, PlaceSafetyHold.PregnancyReason, command.ReportId, now.Utc));
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/pregnancy-reports", Handle)
            .AsCommand("Safety holds", "Record a pregnancy; places a safety hold on the course", Roles.Medical, Roles.Prescriber)
            .AcceptsIdempotencyKey()
            .WithRequestExample(new { reportedAt = "2026-12-07T13:05:00Z", note = "Positive urine test at check-in" });

    private static async Task<Results<Ok<RecordAccepted>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid courseId, ReportPregnancyRequest body, IntegrationProtocol protocol, Clinician clinician,
        [AsParameters] CommandContext context)
    {
        var now = context.Now;
        var command = new ReportPregnancy(
            courseId, RecordIds.For(context.Http.Request, courseId, "pregnancy-report"), body.ReportedAt ?? now.Utc, clinician.Id, body.Note);
        return await context.RecordOnCourseAsync(
            courseId,
            state => Decide(command, state, now, protocol),
            () => command.ReportId,
            body.Validate(now.Utc));
    }
}
