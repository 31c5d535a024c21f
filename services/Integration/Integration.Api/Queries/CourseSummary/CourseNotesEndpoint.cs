using Platform.ServiceDefaults.Audit;

namespace Integration.Api.Queries;

public static partial class CourseNotesEndpoint
{
    /// <summary>Psychotherapy notes are read only by the people doing the therapy and the prescriber responsible for the course.</summary>
    private static readonly string[] NoteReaders = [Roles.Therapist, Roles.Prescriber];

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder app) =>
        app.MapGet("/courses/{courseId:guid}/notes", GetNotes)
            .AsQuery("Integration sessions", "Intentions and integration session notes of a course (PHI: therapists and prescribers only)", NoteReaders)
            .WithDescription(
                "A therapist reads only the notes of courses they work on (they sat a dosing session, set intentions or held an "
                + "integration session; their token's sub is their staff id). Anyone else covering gives breakGlassReason "
                + "(10-500 characters): the read is allowed, logged and marked break-glass in the access audit. Otherwise 403 "
                + RuleIds.NotesNotOnCourse + ".")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem();

    private static async Task<Results<Ok<CourseNotes>, ValidationProblem, ProblemHttpResult>> GetNotes(
        Guid courseId, Clinician clinician, HttpContext http, IQuerySession session, RuleStatuses statuses, ILoggerFactory loggers, CancellationToken cancellationToken,
        string? breakGlassReason = null)
    {
        if (breakGlassReason is not null && breakGlassReason.Trim().Length is < 10 or > 500)
        {
            return Problems.Invalid("breakGlassReason", "must be 10 to 500 characters: why the notes are needed");
        }

        // Read from the events: the write model deliberately keeps no intention text.
        var events = await session.Events.FetchStreamAsync(courseId, token: cancellationToken);
        if (events.Count == 0)
        {
            return Problems.NotFound($"Course {courseId}");
        }

        var data = events.Select(e => e.Data).ToList();
        if (clinician.Role == Roles.Therapist && !TherapistsOf(data).Contains(clinician.Id))
        {
            if (breakGlassReason is null)
            {
                return Problems.Rejected(
                    new Rejection(RuleIds.NotesNotOnCourse, "Only therapists working on this course read its notes; give breakGlassReason to read them as cover."),
                    statuses);
            }

            // Ids only (the reason is free text and may name the patient); the audit row is marked break-glass.
            AccessAudit.MarkBreakGlass(http);
            LogBreakGlass(loggers.CreateLogger("Integration.Notes"), courseId, clinician.Subject);
        }

        return TypedResults.Ok(new CourseNotes(
            courseId,
            [.. data.OfType<IntentionsSet>().OrderBy(i => i.SetAt)],
            [.. data.OfType<IntegrationSessionHeld>().OrderBy(s => s.HeldAt)]));
    }

    private static HashSet<Guid> TherapistsOf(IEnumerable<object> events) =>
        [.. events.Select(e => e switch {
            DosingSessionRecorded d => d.TherapistId,
            IntentionsSet i => i.TherapistId,
            IntegrationSessionHeld h => h.TherapistId,
            _ => Guid.Empty,
        }).Where(id => id != Guid.Empty)];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Break-glass read of the notes of course {CourseId} by {Subject}")]
    private static partial void LogBreakGlass(ILogger logger, Guid courseId, string subject);
}

/// <summary>The PHI free text of a course's integration work.</summary>
public sealed record CourseNotes(
    Guid CourseId,
    IReadOnlyList<IntentionsSet> Intentions,
    IReadOnlyList<IntegrationSessionHeld> IntegrationSessions);
