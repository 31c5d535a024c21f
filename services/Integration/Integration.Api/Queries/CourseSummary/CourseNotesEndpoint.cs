namespace Integration.Api.Queries;

public static class CourseNotesEndpoint
{
    /// <summary>Psychotherapy notes are read only by the people doing the therapy and the prescriber responsible for the course.</summary>
    private static readonly string[] NoteReaders = [Roles.Therapist, Roles.Prescriber];

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder app) =>
        app.MapGet("/courses/{courseId:guid}/notes", GetNotes)
            .AsQuery("Integration sessions", "Intentions and integration session notes of a course (PHI: therapists and prescribers only)", NoteReaders);

    private static async Task<Results<Ok<CourseNotes>, ProblemHttpResult>> GetNotes(
        Guid courseId, IQuerySession session, CancellationToken cancellationToken)
    {
        // Read from the events: the write model deliberately keeps no intention text.
        var events = await session.Events.FetchStreamAsync(courseId, token: cancellationToken);
        if (events.Count == 0)
        {
            return Problems.NotFound($"Course {courseId}");
        }

        var data = events.Select(e => e.Data).ToList();
        return TypedResults.Ok(new CourseNotes(
            courseId,
            [.. data.OfType<IntentionsSet>().OrderBy(i => i.SetAt)],
            [.. data.OfType<IntegrationSessionHeld>().OrderBy(s => s.HeldAt)]));
    }
}

/// <summary>The PHI free text of a course's integration work.</summary>
public sealed record CourseNotes(
    Guid CourseId,
    IReadOnlyList<IntentionsSet> Intentions,
    IReadOnlyList<IntegrationSessionHeld> IntegrationSessions);
