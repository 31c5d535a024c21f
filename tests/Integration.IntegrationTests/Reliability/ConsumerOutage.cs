using System.Collections.Concurrent;
using MassTransit;

namespace Integration.IntegrationTests.Reliability;

/// <summary>
/// Every consumer of the host fails with <see cref="Failure"/> while it is set, inside the platform's retry policy,
/// as when a bug, a bad deployment or a database outage breaks them.
/// </summary>
internal sealed class ConsumerOutage : IConfigureReceiveEndpoint
{
    public const string Reason = "test: the consumer is broken";

    private readonly ConcurrentQueue<DateTimeOffset> failedAt = new();

    public Func<Exception>? Failure { get; set; }

    /// <summary>When each delivery attempt failed, in order.</summary>
    public IReadOnlyList<DateTimeOffset> FailedAt => [.. failedAt];

    public void Configure(string name, IReceiveEndpointConfigurator configurator) =>
        configurator.UseExecute(_ =>
        {
            if (Failure is { } failure)
            {
                failedAt.Enqueue(DateTimeOffset.UtcNow);
                throw failure();
            }
        });
}
