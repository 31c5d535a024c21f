using Integration.Api.Common;
using Integration.Api.Domain;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Identity;
using Platform.ServiceDefaults.Protocol;
using Platform.ServiceDefaults.Time;

namespace Integration.Api.IntegrationSessions;

public static class IntegrationSessionEndpoints
{
    /// <summary>Psychotherapy notes are read only by the people doing the therapy and the prescriber responsible for the course.</summary>
    private static readonly string[] NoteReaders = [Roles.Therapist, Roles.Prescriber];

    public static IEndpointRouteBuilder MapIntegrationSessions(this IEndpointRouteBuilder app)
    {
        var course = app.MapGroup("/courses/{courseId:guid}").WithTags("Integration sessions");

        course.MapPost("/intentions", SetIntentions)
            .RequireAuthorization(p => p.RequireRole(Roles.Therapist))
            .WithSummary("Record the intentions the patient set before a dosing session (PHI)")
            .ProducesCommandProblems();

        course.MapPost("/integration-sessions", HoldSession)
            .RequireAuthorization(p => p.RequireRole(Roles.Therapist))
            .WithSummary("Record an integration session held after a dosing session: themes and notes (PHI)")
            .ProducesCommandProblems();

        course.MapGet("/notes", GetNotes)
            .RequireAuthorization(p => p.RequireRole(NoteReaders))
            .WithSummary("Intentions and integration session notes of a course (PHI: therapists and prescribers only)")
            .ProducesQueryProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGroup("/integration-sessions").WithTags("Integration sessions")
            .MapGet("/overdue", GetOverdue)
            .RequireAuthorization(p => p.RequireRole(Roles.Therapist, Roles.Medical, Roles.Prescriber))
            .WithSummary("Dosing sessions of open courses without an integration session inside the protocol window")
            .ProducesQueryProblems();

        return app;
    }

    private static async Task<Results<Ok<RecordAccepted>, ValidationProblem, ProblemHttpResult>> SetIntentions(
        Guid courseId, SetIntentionsRequest body, IDocumentSession session, HttpContext http,
        ClinicClock clock, IntegrationProtocol protocol, ClinicalProtocol clinic, Clinician clinician, CancellationToken cancellationToken)
    {
        var now = clock.Now();
        var command = new SetIntentions(
            courseId, RecordIds.For(http.Request, courseId, "intentions"), body.ForDosingNumber,
            clinician.Id, body.SetAt ?? now.Utc, body.Intentions ?? string.Empty);
        var errors = CourseOutcomeValidation.Validate(command, now.Utc);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        return await StreamCommands.HandleAsync<CourseOutcome, RecordAccepted>(
            session, http, courseId,
            state => CourseOutcomeDecider.Decide(command, state, now, protocol, clinic),
            version => new RecordAccepted(courseId, command.IntentionsId, version),
            cancellationToken);
    }

    private static async Task<Results<Ok<RecordAccepted>, ValidationProblem, ProblemHttpResult>> HoldSession(
        Guid courseId, HoldIntegrationSessionRequest body, IDocumentSession session, HttpContext http,
        ClinicClock clock, IntegrationProtocol protocol, ClinicalProtocol clinic, Clinician clinician, CancellationToken cancellationToken)
    {
        var now = clock.Now();
        var command = new HoldIntegrationSession(
            courseId, RecordIds.For(http.Request, courseId, "integration-session"), body.DosingSessionId,
            clinician.Id, body.HeldAt ?? now.Utc, body.Themes ?? [], body.Notes);
        var errors = CourseOutcomeValidation.Validate(command, now.Utc);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        return await StreamCommands.HandleAsync<CourseOutcome, RecordAccepted>(
            session, http, courseId,
            state => CourseOutcomeDecider.Decide(command, state, now, protocol, clinic),
            version => new RecordAccepted(courseId, command.IntegrationSessionId, version),
            cancellationToken);
    }

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

    private static async Task<Ok<IReadOnlyList<OverdueIntegrationEntry>>> GetOverdue(
        IQuerySession session, ClinicClock clock, ClinicalProtocol clinic, CancellationToken cancellationToken,
        bool includeLate = false)
    {
        // Computed on read: "overdue" changes with the clock, not only with events.
        var now = clock.Now();
        var open = await session.Query<CourseOutcome>().Where(c => c.CompletedAt == null).ToListAsync(cancellationToken);
        IReadOnlyList<OverdueIntegrationEntry> overdue =
        [
            .. open.SelectMany(c => OverdueIntegration.Find(c, now, clinic))
                .Where(e => includeLate || e.IsOpen)
                .OrderBy(e => e.DueBy),
        ];
        return TypedResults.Ok(overdue);
    }
}

/// <summary>The PHI free text of a course's integration work.</summary>
public sealed record CourseNotes(
    Guid CourseId,
    IReadOnlyList<IntentionsSet> Intentions,
    IReadOnlyList<IntegrationSessionHeld> IntegrationSessions);
