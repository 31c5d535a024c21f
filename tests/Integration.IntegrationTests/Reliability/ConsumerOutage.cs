using MassTransit;

namespace Integration.IntegrationTests.Reliability;

/// <summary>
/// Every consumer of the host fails with <see cref="Failure"/> while it is set, inside the platform's retry policy,
/// as when a bug, a bad deployment or a database outage breaks them.
/// </summary>
internal sealed class ConsumerOutage : IConfigureReceiveEndpoint
{
    public const string Reason = "test: the consumer is broken";

    public Func<Exception>? Failure { get; set; }

    public void Configure(string name, IReceiveEndpointConfigurator configurator) =>
        configurator.UseExecute(_ =>
        {
            if (Failure is { } failure)
            {
                throw failure();
            }
        });
}
