namespace Integration.Api.Queries;

public static class OverdueIntegrationEndpoint
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder app) =>
        app.MapGet("/integration-sessions/overdue", GetOverdue)
            .AsQuery("Integration sessions", "Dosing sessions of open courses without an integration session inside the protocol window, earliest due first; paged (limit, cursor)", Roles.Therapist, Roles.Medical, Roles.Prescriber);

    private static async Task<Results<Ok<Page<OverdueIntegrationEntry>>, ValidationProblem>> GetOverdue(
        IQuerySession session, ClinicClock clock, ClinicalProtocol clinic, CancellationToken cancellationToken,
        bool includeLate = false, int? limit = null, string? cursor = null)
    {
        var errors = new FieldErrors();
        var page = PageRequest.From(limit, cursor, errors);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        // Computed on read: "overdue" changes with the clock, not only with events.
        var now = clock.Now();
        var open = await session.Query<CourseOutcome>().Where(c => c.CompletedAt == null).ToListAsync(cancellationToken);
        IReadOnlyList<OverdueIntegrationEntry> overdue =
        [
            .. open.SelectMany(c => OverdueIntegration.Find(c, now, clinic))
                .Where(e => includeLate || e.IsOpen)
                .OrderBy(e => e.DueBy).ThenBy(e => e.DosingSessionId)
                .Skip(page.Offset).Take(page.Fetch),
        ];
        return TypedResults.Ok(page.Of(overdue));
    }
}
