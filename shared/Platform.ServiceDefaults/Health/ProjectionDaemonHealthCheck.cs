using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.ServiceDefaults.Health;

/// <summary>
/// Ready only when the projections and the outbox relay keep up with the event store: a shard that lags far
/// behind means stale read models or undelivered integration events.
/// </summary>
public sealed class ProjectionDaemonHealthCheck(IDocumentStore store) : IHealthCheck
{
    private const long MaxLag = 1000;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // The daemon runs once per database (ClinicDatabases); each database's shards against its own high-water mark.
        var lagging = new List<string>();
        var highWaterMarks = new List<long>();
        foreach (var database in await store.Storage.AllDatabases())
        {
            var statistics = await database.FetchEventStoreStatistics(cancellationToken);
            highWaterMarks.Add(statistics.EventSequenceNumber);
            lagging.AddRange((await database.AllProjectionProgress(cancellationToken))
                .Where(p => statistics.EventSequenceNumber - p.Sequence > MaxLag)
                .Select(p => $"{p.ShardName} at {p.Sequence} of {statistics.EventSequenceNumber}"));
        }

        var data = new Dictionary<string, object> { ["highWaterMark"] = highWaterMarks.Count == 1 ? highWaterMarks[0] : highWaterMarks };
        return lagging.Count == 0
            ? HealthCheckResult.Healthy("projections and outbox relay are current", data)
            : HealthCheckResult.Degraded($"lagging: {string.Join(", ", lagging)}", data: data);
    }
}
