using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Messaging;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.ServiceDefaults.Health;

/// <summary>
/// Degraded while any of the service's own <c>_error</c> queues holds a message: something was not applied and
/// needs an operator (GET /operations/error-queues). Counts only; a message body may carry clinical data.
/// </summary>
public sealed class ErrorQueueHealthCheck(ErrorQueues errorQueues) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ErrorQueueCount> counts;
        try
        {
            counts = await errorQueues.CountsAsync(cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Degraded($"error queues could not be read: {ex.GetType().Name}");
        }

        OutboxTelemetry.RecordErrorQueues(counts.Sum(c => (long)c.Messages));
        var holding = counts.Where(c => c.Messages > 0).Select(c => $"{c.Queue}: {c.Messages}").ToList();
        var data = counts.ToDictionary(c => c.Queue, c => (object)c.Messages);
        return holding.Count == 0
            ? HealthCheckResult.Healthy($"{counts.Count} error queue(s) empty", data)
            : HealthCheckResult.Degraded("messages in error queues: " + string.Join(", ", holding), data: data);
    }
}
