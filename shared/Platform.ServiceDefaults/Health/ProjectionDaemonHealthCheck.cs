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
        var statistics = await store.Advanced.FetchEventStoreStatistics(token: cancellationToken);
        var progress = await store.Advanced.AllProjectionProgress(token: cancellationToken);
        var lagging = progress
            .Where(p => statistics.EventSequenceNumber - p.Sequence > MaxLag)
            .Select(p => $"{p.ShardName} at {p.Sequence}")
            .ToList();

        var data = new Dictionary<string, object> { ["highWaterMark"] = statistics.EventSequenceNumber };
        return lagging.Count == 0
            ? HealthCheckResult.Healthy("projections and outbox relay are current", data)
            : HealthCheckResult.Degraded($"lagging behind {statistics.EventSequenceNumber}: {string.Join(", ", lagging)}", data: data);
    }
}
