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

        // "Overdue" changes with the clock, not only with events: the kept facts are filtered by the window now.
        var now = clock.Now();
        var dischargedBefore = now.Utc - clinic.IntegrationWindow;
        var windowTicks = clinic.IntegrationWindow.Ticks;
        var query = includeLate
            ? session.Query<IntegrationDue>().Where(d => d.CourseOpen && d.DischargedAt < dischargedBefore && (d.FirstHeldAt == null || d.HeldAfterTicks > windowTicks))
            : session.Query<IntegrationDue>().Where(d => d.Awaiting && d.DischargedAt < dischargedBefore);
        var found = await query.OrderBy(d => d.DischargedAt).ThenBy(d => d.Id).Skip(page.Offset).Take(page.Fetch).ToListAsync(cancellationToken);
        IReadOnlyList<OverdueIntegrationEntry> overdue = [.. found.Select(d => OverdueIntegration.Entry(d, now, clinic))];
        return TypedResults.Ok(page.Of(overdue));
    }
}
