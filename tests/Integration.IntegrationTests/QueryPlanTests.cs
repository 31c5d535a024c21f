namespace Integration.IntegrationTests;

/// <summary>
/// The list queries read through the index made for them, not every document of the clinic (<see cref="QueryPlans"/>).
/// Read growth with the number of courses is measured in the bench (<c>read_p95_growth</c>); this keeps a refactor
/// from losing the index.
/// </summary>
public sealed class QueryPlanTests(IntegrationApp service) : IClassFixture<IntegrationApp>
{
    [Fact]
    public async Task The_active_safety_holds_list_reads_through_an_index()
    {
        await using var session = service.Host.Store.QuerySession(ClinicScope.Development);
        var command = session.Query<SafetyHoldView>().Where(h => h.ReleasedAt == null)
            .OrderBy(h => h.PlacedAt).ThenBy(h => h.Id).Take(51).ToCommand();

        QueryPlans.AssertReadsThrough(await QueryPlans.ExplainAsync(service.Host.Postgres, command), "mt_doc_safetyholdview_idx_active");
    }

    [Fact]
    public async Task The_overdue_integration_list_reads_through_its_partial_index()
    {
        await using var session = service.Host.Store.QuerySession(ClinicScope.Development);
        var before = DateTimeOffset.UtcNow.AddHours(-72);
        var command = session.Query<IntegrationDue>().Where(d => d.Awaiting && d.DischargedAt < before)
            .OrderBy(d => d.DischargedAt).ThenBy(d => d.Id).Take(51).ToCommand();

        QueryPlans.AssertReadsThrough(await QueryPlans.ExplainAsync(service.Host.Postgres, command), "mt_doc_integrationdue_idx_awaiting");
    }

    [Fact]
    public async Task The_overdue_audit_view_reads_through_the_open_course_index()
    {
        await using var session = service.Host.Store.QuerySession(ClinicScope.Development);
        var before = DateTimeOffset.UtcNow.AddHours(-72);
        var window = TimeSpan.FromHours(72).Ticks;
        var command = session.Query<IntegrationDue>().Where(d => d.CourseOpen && d.DischargedAt < before && (d.FirstHeldAt == null || d.HeldAfterTicks > window))
            .OrderBy(d => d.DischargedAt).ThenBy(d => d.Id).Take(51).ToCommand();

        QueryPlans.AssertReadsThrough(await QueryPlans.ExplainAsync(service.Host.Postgres, command), "mt_doc_integrationdue_idx_open_course");
    }
}
