using System.Reflection;
using MassTransit;
using MassTransit.RabbitMqTransport;
using MassTransit.RabbitMqTransport.Configuration;
using Platform.Messaging;
using RabbitMQ.Client.Exceptions;

namespace Platform.Tests;

public sealed class BrokerReconnectTests
{
    [Fact]
    public void Reconnect_attempts_are_never_more_than_the_cap_apart_and_a_refused_login_is_not_retried()
    {
        IRetryPolicy? policy = null;
        // Built, never started: no broker is needed to read the configured policy.
        MassTransit.Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.ReconnectQuickly();
            policy = ((IRabbitMqHostConfiguration)rabbit.GetType()
                .GetField("_hostConfiguration", BindingFlags.Instance | BindingFlags.NonPublic)!
                .GetValue(rabbit)!).ReceiveTransportRetryPolicy;
        });

        Assert.NotNull(policy);
        var intervals = Enumerable.Range(0, 50)
            .Select(i => ((MassTransit.RetryPolicies.ExponentialRetryPolicy)policy).GetRetryInterval(i)).ToList();
        // MassTransit's own schedule reaches 30 s; jitter adds at most 25% to the cap.
        Assert.All(intervals, i => Assert.InRange(i, TimeSpan.Zero, BrokerReconnect.MaxInterval * 1.25));
        Assert.True(policy.IsHandled(new RabbitMqConnectionException("Broker unreachable", new IOException("connection refused"))));
        Assert.False(policy.IsHandled(new AuthenticationFailureException("ACCESS_REFUSED")));
    }
}
