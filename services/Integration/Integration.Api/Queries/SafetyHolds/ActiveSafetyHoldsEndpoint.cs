using Platform.ServiceDefaults.Marten;
namespace Integration.Api.Queries;

public static class ActiveSafetyHoldsEndpoint
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder app) =>
        app.MapGet("/holds/active", ActiveHolds)
            .AsQuery("Safety holds", "Every active safety hold across courses, oldest first, with its reasons; filter by trigger; paged (limit, cursor)", Roles.Therapist, Roles.Medical, Roles.Prescriber, Roles.System);

    private static async Task<Results<Ok<Page<SafetyHoldView>>, ValidationProblem>> ActiveHolds(
        IQuerySession session, CancellationToken cancellationToken,
        SafetyHoldTrigger? trigger = null, int? limit = null, string? cursor = null)
    {
        var errors = new FieldErrors();
        var page = PageRequest.From(limit, cursor, errors);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var query = session.Query<SafetyHoldView>().Where(h => h.ReleasedAt == null);
        if (trigger is { } t)
        {
            query = query.Where(h => h.Trigger == t);
        }

        return TypedResults.Ok(await query.OrderBy(h => h.PlacedAt).ThenBy(h => h.Id).ToPageAsync(page, cancellationToken));
    }
}
