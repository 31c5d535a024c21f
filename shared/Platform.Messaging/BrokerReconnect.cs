using System.Reflection;
using MassTransit.RabbitMqTransport;
using MassTransit.RabbitMqTransport.Configuration;
using RabbitMQ.Client.Exceptions;

namespace Platform.Messaging;

/// <summary>
/// How soon consumers come back after RabbitMQ does. MassTransit 8.5 retries a lost receive connection on a schedule it
/// fixes in code (about 6 s, then 9, 15, 27 and 30 s apart; no setting exposes it), so after a 30 s outage consumers
/// resumed up to 30 s after the broker was back. The platform needs them back within 5 s (a safety hold waits in the
/// queue meanwhile), so the policy is replaced with the same exception rules and a schedule capped at
/// <see cref="MaxInterval"/>.
/// </summary>
public static class BrokerReconnect
{
    /// <summary>The longest wait between two reconnect attempts (MassTransit adds up to 25% jitter).</summary>
    public static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(3);

    public static void ReconnectQuickly(this IRabbitMqBusFactoryConfigurator rabbit)
    {
        ArgumentNullException.ThrowIfNull(rabbit);
        // Both members are private; a MassTransit upgrade that renames them fails start-up here (and its unit test)
        // instead of silently bringing the slow schedule back.
        var host = rabbit.GetType().GetField("_hostConfiguration", BindingFlags.Instance | BindingFlags.NonPublic)
            ?.GetValue(rabbit) as IRabbitMqHostConfiguration;
        var policy = host?.GetType().GetField("<ReceiveTransportRetryPolicy>k__BackingField",
            BindingFlags.Instance | BindingFlags.NonPublic);
        if (host is null || policy is null)
        {
            throw new InvalidOperationException(
                "This MassTransit version keeps its RabbitMQ reconnect policy elsewhere; update BrokerReconnect.");
        }

        policy.SetValue(host, Retry.CreatePolicy(retry =>
        {
            // The exceptions MassTransit 8.5 treats as a lost connection; a refused login is not retried.
            retry.Handle<ConnectionException>();
            retry.Handle<AlreadyClosedException>();
            retry.Handle<EndOfStreamException>();
            retry.Handle<OperationInterruptedException>(e => e.ChannelShouldBeClosed());
            retry.Handle<NotSupportedException>(e => e.Message.Contains("Pipelining of requests forbidden", StringComparison.Ordinal));
            retry.Ignore<AuthenticationFailureException>();
            retry.Exponential(int.MaxValue, TimeSpan.FromSeconds(1), MaxInterval, TimeSpan.FromSeconds(1));
        }));
    }
}
