using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Protocol;
using Platform.ServiceDefaults.Time;

namespace Integration.Api.Queries;

public static class OverdueIntegrationEndpoint
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder app) =>
        app.MapGet("/integration-sessions/overdue", GetOverdue)
            .WithTags("Integration sessions")
            .RequireAuthorization(p => p.RequireRole(Roles.Therapist, Roles.Medical, Roles.Prescriber))
            .WithSummary("Dosing sessions of open courses without an integration session inside the protocol window")
            .ProducesQueryProblems();

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
