using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.ServiceDefaults.Health;

namespace Platform.Tests;

/// <summary>Readiness answers "not ready" in time even when a check waits on a cut network and ignores its token.</summary>
public sealed class BoundedHealthCheckTests
{
    [Fact]
    public async Task A_check_that_never_answers_is_reported_failed_within_its_time()
    {
        var never = new Never();
        var bounded = new BoundedHealthCheck(never, TimeSpan.FromMilliseconds(200));

        // The outer bound only keeps a broken wrapper from hanging the run; the wrapper answers after 200 ms.
        var result = await bounded.CheckHealthAsync(Context(never, HealthStatus.Unhealthy)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("no answer within 0.2 s", result.Description);
    }

    [Fact]
    public async Task A_check_that_answers_in_time_is_reported_as_it_answered()
    {
        var degraded = new Answering(HealthCheckResult.Degraded("messages in error queues: x_error"));
        var bounded = new BoundedHealthCheck(degraded, TimeSpan.FromSeconds(30));

        var result = await bounded.CheckHealthAsync(Context(degraded, HealthStatus.Unhealthy));

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Equal("messages in error queues: x_error", result.Description);
    }

    private static HealthCheckContext Context(IHealthCheck check, HealthStatus failure) =>
        new() { Registration = new HealthCheckRegistration("check", check, failure, tags: null) };

    /// <summary>Waits forever and ignores cancellation, as a client blocked on a dead TCP connection may.</summary>
    private sealed class Never : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            new TaskCompletionSource<HealthCheckResult>().Task;
    }

    private sealed class Answering(HealthCheckResult result) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(result);
    }
}
