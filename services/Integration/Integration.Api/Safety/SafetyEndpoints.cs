using Integration.Api.Common;
using Integration.Api.Domain;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;

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
        TimeProvider clock, OutcomeProtocol protocol, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var command = new ReportPregnancy(
            courseId, RecordIds.For(http.Request, courseId, "pregnancy-report"), body.ReportedAt ?? now, Caller.Id(http.User), body.Note);
        var errors = CourseOutcomeValidation.Validate(command, now);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        return await CourseCommands.HandleAsync(
            session, http, courseId, command.ReportId,
            state => CourseOutcomeDecider.Decide(command, state, now, protocol), cancellationToken);
    }

    private static async Task<Results<Ok<RecordAccepted>, ValidationProblem, ProblemHttpResult>> ReleaseHold(
        Guid courseId, ReleaseHoldRequest body, IDocumentSession session, HttpContext http,
        TimeProvider clock, OutcomeProtocol protocol, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var command = new ReleaseHold(courseId, body.HoldId, body.Justification ?? string.Empty, Caller.Id(http.User));
        var errors = CourseOutcomeValidation.Validate(command);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        // The record id is the hold released; the decider resolves "the active hold" when none is named.
        Guid? released = null;
        var result = await CourseCommands.HandleAsync(
            session, http, courseId, Guid.Empty,
            state =>
            {
                var decision = CourseOutcomeDecider.Decide(command, state, now, protocol);
                released = decision.Events.OfType<HoldReleased>().FirstOrDefault()?.HoldId;
                return decision;
            },
            cancellationToken);
        return result.Result is Ok<RecordAccepted> ok
            ? TypedResults.Ok(ok.Value! with { Id = released ?? command.HoldId ?? Guid.Empty })
            : result;
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
