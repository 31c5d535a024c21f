using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults.Auth;

namespace Integration.Api.Queries;

public static class ActiveSafetyHoldsEndpoint
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder app) =>
        app.MapGet("/holds/active", ActiveHolds)
            .WithTags("Safety holds")
            .RequireAuthorization(p => p.RequireRole(Roles.Therapist, Roles.Medical, Roles.Prescriber, Roles.System))
            .WithSummary("Every active safety hold across courses, with its reasons")
            .ProducesQueryProblems();

    private static async Task<Ok<IReadOnlyList<SafetyHoldView>>> ActiveHolds(IQuerySession session, CancellationToken cancellationToken)
    {
        var holds = await session.Query<SafetyHoldView>()
            .Where(h => h.ReleasedAt == null)
            .OrderBy(h => h.PlacedAt)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<SafetyHoldView>>(holds);
    }
}
