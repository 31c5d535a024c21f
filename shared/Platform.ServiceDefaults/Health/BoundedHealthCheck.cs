using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.ServiceDefaults.Health;

/// <summary>
/// A check that answers within its time or fails. The health-check service's own timeout only cancels a check's
/// token, and a check waiting on a connection across a cut network may not return until TCP gives up: the database
/// driver's cancellation itself needs the network, the broker client's waits ignore the token. So the wait here does
/// not depend on the check: past the time, the answer is the registration's failure status and the check finishes
/// in the background.
/// </summary>
public sealed class BoundedHealthCheck(IHealthCheck inner, TimeSpan timeout) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        try
        {
            return await inner.CheckHealthAsync(context, bounded.Token).WaitAsync(timeout, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"no answer within {timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s");
        }
    }
}
