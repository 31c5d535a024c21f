using Marten.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Messaging;
using Platform.ServiceDefaults.Telemetry;
using SessionOptions = Marten.Services.SessionOptions;

namespace Platform.ServiceDefaults.Health;

/// <summary>
/// Degraded while the outbox relay is more than <c>Outbox:MaxLagSeconds</c> behind the oldest event it has not
/// published (other services, Scheduling's safety holds above all, are acting on stale facts) or while any event is
/// parked (a committed event that never left).
/// </summary>
public sealed class OutboxHealthCheck(IDocumentStore store, IOptions<OutboxHealthOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var maxLag = options.Value.MaxLagSeconds;
        // The relay runs once per database (ClinicDatabases): the worst lag and every parked event count.
        var lag = 0d;
        var parked = 0;
        foreach (var database in await store.Storage.AllDatabases())
        {
            lag = Math.Max(lag, await LagSecondsAsync(database, cancellationToken));
            await using var session = store.QuerySession(SessionOptions.ForDatabase(database));
            parked += await session.Query<ParkedEvent>().CountAsync(cancellationToken);
        }

        OutboxTelemetry.RecordOutbox(lag, parked);

        var problems = new List<string>();
        if (lag > maxLag)
        {
            problems.Add($"relay lags {lag:0} s (bound {maxLag} s)");
        }

        if (parked > 0)
        {
            problems.Add($"{parked} parked event(s)");
        }

        var data = new Dictionary<string, object> { ["lagSeconds"] = Math.Round(lag), ["parkedEvents"] = parked };
        return problems.Count == 0
            ? HealthCheckResult.Healthy("outbox relay is current, nothing parked", data)
            : HealthCheckResult.Degraded(string.Join("; ", problems), data: data);
    }

    /// <summary>
    /// The age, by the database's own clock (the one that stamped the events), of the oldest event past the relay's
    /// progress; zero when it has published everything.
    /// </summary>
    private async Task<double> LagSecondsAsync(IMartenDatabase database, CancellationToken cancellationToken)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"""
            select coalesce(extract(epoch from now() - (
                select e.timestamp from {schema}.mt_events e
                where e.seq_id > coalesce((select max(p.last_seq_id) from {schema}.mt_event_progression p where p.name like @relay), 0)
                order by e.seq_id limit 1)), 0)::float8
            """,
            connection);
        command.Parameters.AddWithValue("relay", OutboxRelay.SubscriptionName + ":%");
        return Math.Max(0, (double)(await command.ExecuteScalarAsync(cancellationToken) ?? 0d));
    }
}
