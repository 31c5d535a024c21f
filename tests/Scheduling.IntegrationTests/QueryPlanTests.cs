namespace Scheduling.IntegrationTests;

/// <summary>
/// The day board and the REMS work list read through the indexes made for them, not every session of the clinic
/// (<see cref="QueryPlans"/>): both are read all day on the clinic's screens.
/// </summary>
public sealed class QueryPlanTests(SchedulingApp app) : IClassFixture<SchedulingApp>
{
    [Fact]
    public async Task The_day_board_reads_only_its_range_of_the_start_index()
    {
        var from = new DateTimeOffset(DateTimeOffset.UtcNow.Date, TimeSpan.Zero);
        await using var session = app.Host.Store.QuerySession(ClinicScope.Development);
        var command = CalendarEndpoints.LiveBetween(session, from, from.AddDays(1)).ToCommand();

        var plan = await QueryPlans.ExplainAsync(app.Host.Postgres, command);

        QueryPlans.AssertReadsThrough(plan, "idx_start");
        // Both ends of the start in the index condition: an upper bound alone reads every earlier session of the clinic.
        var condition = plan.Split('\n').Single(line => line.Contains("Index Cond", StringComparison.Ordinal));
        Assert.True(condition.Contains(">=", StringComparison.Ordinal) && condition.Contains(" < ", StringComparison.Ordinal), plan);
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
