using Integration.Api.Common;
using Integration.Api.Domain;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Identity;
using Platform.ServiceDefaults.Protocol;
using Platform.ServiceDefaults.Time;

namespace Integration.Api.Safety;

public static class SafetyEndpoints
{
    public static IEndpointRouteBuilder MapSafety(this IEndpointRouteBuilder app)
    {
        var course = app.MapGroup("/courses/{courseId:guid}").WithTags("Safety holds");

        course.MapPost("/pregnancy-reports", ReportPregnancy)
            .RequireAuthorization(p => p.RequireRole(Roles.Medical, Roles.Prescriber))
            .WithSummary("Record a pregnancy; places a safety hold on the course")
            .ProducesCommandProblems();

        course.MapPost("/holds/release", ReleaseHold)
            .RequireAuthorization(p => p.RequireRole(Roles.Prescriber))
            .WithSummary("Release the course's active safety hold (prescribers only, justification required)")
            .ProducesCommandProblems();

        app.MapGroup("/holds").WithTags("Safety holds")
            .MapGet("/active", ActiveHolds)
            .RequireAuthorization(p => p.RequireRole(Roles.Therapist, Roles.Medical, Roles.Prescriber, Roles.System))
            .WithSummary("Every active safety hold across courses, with its reasons")
            .ProducesQueryProblems();

        return app;
    }

    private static async Task<Results<Ok<RecordAccepted>, ValidationProblem, ProblemHttpResult>> ReportPregnancy(
        Guid courseId, ReportPregnancyRequest body, IDocumentSession session, HttpContext http,
        ClinicClock clock, IntegrationProtocol protocol, ClinicalProtocol clinic, Clinician clinician, CancellationToken cancellationToken)
    {
        var now = clock.Now();
        var command = new ReportPregnancy(
            courseId, RecordIds.For(http.Request, courseId, "pregnancy-report"), body.ReportedAt ?? now.Utc, clinician.Id, body.Note);
        var errors = CourseOutcomeValidation.Validate(command, now.Utc);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        return await StreamCommands.HandleAsync<CourseOutcome, RecordAccepted>(
            session, http, courseId,
            state => CourseOutcomeDecider.Decide(command, state, now, protocol, clinic),
            version => new RecordAccepted(courseId, command.ReportId, version),
            cancellationToken);
    }

    private static async Task<Results<Ok<RecordAccepted>, ValidationProblem, ProblemHttpResult>> ReleaseHold(
        Guid courseId, ReleaseHoldRequest body, IDocumentSession session, HttpContext http,
        ClinicClock clock, IntegrationProtocol protocol, ClinicalProtocol clinic, Clinician clinician, CancellationToken cancellationToken)
    {
        var now = clock.Now();
        var command = new ReleaseHold(courseId, body.HoldId, body.Justification ?? string.Empty, clinician.Id);
        var errors = CourseOutcomeValidation.Validate(command);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        // The record id is the hold released; the decider resolves "the active hold" when none is named.
        Guid? released = null;
        return await StreamCommands.HandleAsync<CourseOutcome, RecordAccepted>(
            session, http, courseId,
            state =>
            {
                var decision = CourseOutcomeDecider.Decide(command, state, now, protocol, clinic);
                released = decision.Events.OfType<HoldReleased>().FirstOrDefault()?.HoldId;
                return decision;
            },
            version => new RecordAccepted(courseId, released ?? command.HoldId ?? Guid.Empty, version),
            cancellationToken);
    }

    private static async Task<Ok<IReadOnlyList<SafetyHoldView>>> ActiveHolds(IQuerySession session, CancellationToken cancellationToken)
    {
        var holds = await session.Query<SafetyHoldView>()
            .Where(h => h.ReleasedAt == null)
            .OrderBy(h => h.PlacedAt)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<SafetyHoldView>>(holds);
    }
}
