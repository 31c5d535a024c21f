using Integration.Api.Common;
using Integration.Api.Domain;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Identity;
using Platform.ServiceDefaults.Protocol;
using Platform.ServiceDefaults.Time;

namespace Integration.Api.AdverseEvents;

public static class AdverseEventEndpoints
{
    public static IEndpointRouteBuilder MapAdverseEvents(this IEndpointRouteBuilder app)
    {
        var course = app.MapGroup("/courses/{courseId:guid}/adverse-events").WithTags("Adverse events");

        // Therapists may report: in ketamine-assisted psychotherapy they are often the ones in the room when it happens.
        course.MapPost("/", Record)
            .RequireAuthorization(p => p.RequireRole(Roles.Medical, Roles.Prescriber, Roles.Therapist))
            .WithSummary("Record an adverse event; a severe or serious one places a safety hold")
            .ProducesCommandProblems();

        course.MapPost("/{adverseEventId:guid}/grade", Grade)
            .RequireAuthorization(p => p.RequireRole(Roles.Medical, Roles.Prescriber))
            .WithSummary("Grade (re-grade) an adverse event's severity; grading up to severe or serious places a safety hold")
            .ProducesCommandProblems();

        app.MapGroup("/adverse-events").WithTags("Adverse events")
            .MapGet("/", Register)
            .RequireAuthorization(p => p.RequireRole(Roles.Medical, Roles.Prescriber))
            .WithSummary("The adverse-event register across courses, filtered by severity, type or course")
            .ProducesQueryProblems()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        return app;
    }

    private static async Task<Results<Ok<RecordAccepted>, ValidationProblem, ProblemHttpResult>> Record(
        Guid courseId, RecordAdverseEventRequest body, IDocumentSession session, HttpContext http,
        ClinicClock clock, IntegrationProtocol protocol, ClinicalProtocol clinic, Clinician clinician, CancellationToken cancellationToken)
    {
        var now = clock.Now();
        var command = new RecordAdverseEvent(
            courseId, RecordIds.For(http.Request, courseId, "adverse-event"),
            body.Type ?? default, body.Severity ?? default, body.OccurredAt ?? now.Utc, body.OnsetMinutesAfterDose,
            body.DosingSessionId, body.Description, body.ActionTaken ?? string.Empty, body.Outcome ?? string.Empty,
            clinician.Id);
        var errors = CourseOutcomeValidation.Validate(command, now.Utc)
            .Require(body.Type is not null, "type", "is required")
            .Require(body.Severity is not null, "severity", "is required")
            .Require(body.OccurredAt is not null, "occurredAt", "is required");
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        return await StreamCommands.HandleAsync<CourseOutcome, RecordAccepted>(
            session, http, courseId,
            state => CourseOutcomeDecider.Decide(command, state, now, protocol, clinic),
            version => new RecordAccepted(courseId, command.AdverseEventId, version),
            cancellationToken);
    }

    private static async Task<Results<Ok<RecordAccepted>, ValidationProblem, ProblemHttpResult>> Grade(
        Guid courseId, Guid adverseEventId, GradeAdverseEventRequest body, IDocumentSession session, HttpContext http,
        ClinicClock clock, IntegrationProtocol protocol, ClinicalProtocol clinic, Clinician clinician, CancellationToken cancellationToken)
    {
        var now = clock.Now();
        var command = new GradeAdverseEvent(
            courseId, adverseEventId, body.Severity ?? default, body.Reason ?? string.Empty, clinician.Id);
        var errors = CourseOutcomeValidation.Validate(command).Require(body.Severity is not null, "severity", "is required");
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        return await StreamCommands.HandleAsync<CourseOutcome, RecordAccepted>(
            session, http, courseId,
            state => CourseOutcomeDecider.Decide(command, state, now, protocol, clinic),
            version => new RecordAccepted(courseId, adverseEventId, version),
            cancellationToken);
    }

    private static async Task<Ok<IReadOnlyList<AdverseEventRegisterEntry>>> Register(
        IQuerySession session, CancellationToken cancellationToken,
        AdverseEventSeverity? severity = null, AdverseEventType? type = null, Guid? courseId = null)
    {
        var query = session.Query<AdverseEventRegisterEntry>().AsQueryable();
        if (severity is { } s)
        {
            query = query.Where(e => e.Severity == s);
        }

        if (type is { } t)
        {
            query = query.Where(e => e.Type == t);
        }

        if (courseId is { } c)
        {
            query = query.Where(e => e.CourseId == c);
        }

        var entries = await query.OrderByDescending(e => e.OccurredAt).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<AdverseEventRegisterEntry>>(entries);
    }
}
