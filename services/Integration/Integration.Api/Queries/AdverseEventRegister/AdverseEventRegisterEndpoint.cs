using Platform.ServiceDefaults.Marten;
namespace Integration.Api.Queries;

public static class AdverseEventRegisterEndpoint
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder app) =>
        app.MapGet("/adverse-events", Register)
            .AsQuery("Adverse events", "The adverse-event register across courses, newest first, filtered by severity, type or course; paged (limit, cursor)", Roles.Medical, Roles.Prescriber)
            .WithDescription("Minimum necessary: the clinic-wide list carries no free text (description, action taken, outcome are null); "
                + "filtered to one course (courseId) it carries them, as a clinician opening that patient's events needs them.");

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

        var entries = await query.OrderByDescending(e => e.OccurredAt).ThenBy(e => e.Id).ToPageAsync(page, cancellationToken);
        return TypedResults.Ok(courseId is null
            ? entries with { Items = [.. entries.Items.Select(e => e with { Description = null, ActionTaken = null, Outcome = null })] }
            : entries);
    }
}
