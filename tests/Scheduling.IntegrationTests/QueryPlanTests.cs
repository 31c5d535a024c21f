namespace Scheduling.IntegrationTests;

/// <summary>
/// The day board and the REMS work list read through the indexes made for them, not every session of the clinic
/// (<see cref="QueryPlans"/>): both are read all day on the clinic's screens.
/// </summary>
public sealed class QueryPlanTests(SchedulingApp app) : IClassFixture<SchedulingApp>
{
    [Fact]
    public async Task The_day_board_reads_through_the_start_index()
    {
        var from = DateTimeOffset.UtcNow.Date;
        var to = from.AddDays(1);
        await using var session = app.Host.Store.QuerySession(ClinicScope.Development);
        var command = session.Query<ScheduledSession>()
            .Where(s => s.Start < to && s.End > from && s.Status != SessionStatus.Cancelled)
            .OrderBy(s => s.Start).ToCommand();

        QueryPlans.AssertReadsThrough(await QueryPlans.ExplainAsync(app.Host.Postgres, command), "idx_start");
    }

    [Fact]
    public async Task The_overdue_rems_list_reads_through_its_partial_index()
    {
        var now = DateTimeOffset.UtcNow;
        await using var session = app.Host.Store.QuerySession(ClinicScope.Development);
        var command = session.Query<ScheduledSession>()
            .Where(s => s.RemsMonitoringDueAt != null && s.RemsMonitoringDueAt < now && s.RemsMonitoringRecordedAt == null)
            .OrderBy(s => s.RemsMonitoringDueAt).ThenBy(s => s.Id).Take(51).ToCommand();

        QueryPlans.AssertReadsThrough(await QueryPlans.ExplainAsync(app.Host.Postgres, command), "idx_rems_due");
    }
}
