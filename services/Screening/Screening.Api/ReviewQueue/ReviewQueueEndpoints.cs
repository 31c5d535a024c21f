using Marten;
using Platform.ServiceDefaults.Auth;

namespace Screening.Api.ReviewQueue;

public static class ReviewQueueEndpoints
{
    public static IEndpointRouteBuilder MapReviewQueue(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/review-queue").WithTags("Review queue")
            .MapGet("/", GetQueue)
            .RequireAuthorization(p => p.RequireRole(Roles.Prescriber))
            .WithSummary("Screenings awaiting sign-off, and open ones flagged for immediate attention (high suicide risk), oldest first");
        return app;
    }

    private static async Task<IReadOnlyList<ReviewQueueItem>> GetQueue(IQuerySession session, CancellationToken ct) =>
        await session.Query<ReviewQueueItem>()
            .Where(i => i.InQueue)
            .OrderBy(i => i.ReferredAt)
            .ToListAsync(ct);
}
