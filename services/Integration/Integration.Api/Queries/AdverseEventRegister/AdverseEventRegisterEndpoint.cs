using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults.Auth;

namespace Integration.Api.Queries;

public static class AdverseEventRegisterEndpoint
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder app) =>
        app.MapGet("/adverse-events", Register)
            .WithTags("Adverse events")
            .RequireAuthorization(p => p.RequireRole(Roles.Medical, Roles.Prescriber))
            .WithSummary("The adverse-event register across courses, filtered by severity, type or course")
            .ProducesQueryProblems()
            .ProducesProblem(StatusCodes.Status400BadRequest);

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
