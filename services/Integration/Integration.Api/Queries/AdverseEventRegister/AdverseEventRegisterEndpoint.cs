using Platform.ServiceDefaults.Marten;
namespace Integration.Api.Queries;

public static class AdverseEventRegisterEndpoint
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder app) =>
        app.MapGet("/adverse-events", Register)
            .AsQuery("Adverse events", "The adverse-event register across courses, newest first, filtered by severity, type or course; paged (limit, cursor)", Roles.Medical, Roles.Prescriber);

    private static async Task<Results<Ok<Page<AdverseEventRegisterEntry>>, ValidationProblem>> Register(
        IQuerySession session, CancellationToken cancellationToken,
        AdverseEventSeverity? severity = null, AdverseEventType? type = null, Guid? courseId = null,
        int? limit = null, string? cursor = null)
    {
        var errors = new FieldErrors();
        var page = PageRequest.From(limit, cursor, errors);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

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

        return TypedResults.Ok(await query.OrderByDescending(e => e.OccurredAt).ThenBy(e => e.Id).ToPageAsync(page, cancellationToken));
    }
}
