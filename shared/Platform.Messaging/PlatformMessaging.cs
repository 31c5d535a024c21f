using MassTransit.Middleware;

namespace Platform.Messaging;

public static class PlatformMessaging
{
    /// <summary>Retries of a transient failure, growing from 1 s to 60 s apart.</summary>
    public const int OutageRetryLimit = 12;

    /// <summary>
    /// MassTransit over RabbitMQ: kebab-case quorum queues, in-memory retry (long for an outage, short otherwise) then the _error
    /// queue (this broker has no delayed-message plugin), and a bus that is bound before the host reports started.
    /// </summary>
    /// <remarks>
    /// <c>Messaging:EntityPrefix</c> prefixes every queue and exchange, so test runs sharing one broker stay apart.
    /// Every message sent carries the connection's user as AMQP <c>user_id</c>, and every contract consumed must
    /// carry its owner's (<see cref="PublisherTrust"/>).
    /// </remarks>
    public static WebApplicationBuilder AddPlatformMessaging(
        this WebApplicationBuilder builder,
        Action<IBusRegistrationConfigurator> configureConsumers)
    {
        var connectionString = builder.Configuration.GetConnectionString("RabbitMq")
            ?? throw new InvalidOperationException("ConnectionStrings:RabbitMq is not configured.");
        var prefix = builder.Configuration["Messaging:EntityPrefix"] ?? string.Empty;
        var trust = new PublisherTrust(builder.Configuration, connectionString);
        builder.Services.AddSingleton(trust);
        var errorQueues = new ErrorQueues(connectionString, trust.OwnUser);
        // Messages one queue works on at once; unset keeps MassTransit's default, which follows the cores. The benchmark
        // tried 4, 16 and 32 at 200 safety holds/s on 2 cores and found no difference beyond run-to-run noise: the
        // machine's CPU is the limit, not the consumers' concurrency (bench/README.md). A bigger node can raise it.
        var concurrency = builder.Configuration.GetValue<int?>("Messaging:ConcurrentMessageLimit");
        builder.Services.AddSingleton(errorQueues);

        builder.Services.AddMassTransit(bus =>
        {
            // Nothing about a clinic's traffic leaves the deployment.
            bus.DisableUsageTelemetry();
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(prefix, false));
            bus.AddConfigureEndpointsCallback((context, name, endpoint) =>
            {
                errorQueues.Add(name);
                if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                {
                    rabbit.SetQuorumQueue();
                    if (concurrency is { } limit)
                    {
                        // Twice the messages in hand as in work, so the next is there when one finishes.
                        endpoint.ConcurrentMessageLimit = limit;
                        rabbit.PrefetchCount = limit * 2;
                    }
                }

                endpoint.UseConsumeFilter(typeof(OwnerOnlyFilter<>), context);
                endpoint.UseConsumeFilter(typeof(ClinicFilter<>), context);
                // A message that fails for itself (a refused rule, a bug) is retried briefly, then goes to _error for an
                // operator. A forged message stays forged: retrying it only delays the operator's view of it.
                endpoint.UseMessageRetry(r =>
                {
                    r.Ignore<UntrustedPublisherException>();
                    r.Ignore<MissingClinicException>();
                    r.Ignore<Exception>(TransientFailures.IsTransient);
                    r.Intervals(100, 500, 1000, 2000, 5000);
                });
                // A dependency that is down (PostgreSQL restarting) is waited out, about eight minutes in all, so the
                // message is applied once it is back rather than dead-lettered; stopping the service meanwhile leaves
                // it unacknowledged in its queue.
                endpoint.UseMessageRetry(r =>
                {
                    r.Handle<Exception>(TransientFailures.IsTransient);
                    r.Exponential(OutageRetryLimit, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(2));
                });
                endpoint.ConfigureError(e =>
                {
                    e.UseFilter(new GenerateFaultFilter());
                    e.UseFilter(new OwnIdentityErrorTransportFilter());
                });
                endpoint.ConfigureDeadLetter(d => d.UseFilter(new OwnIdentityDeadLetterFilter()));
            });
            configureConsumers(bus);

            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(connectionString));
                rabbit.ReconnectQuickly();
                // PHI in a message (a contract's free text) is sealed with its patient's key on the broker too.
                rabbit.ConfigureJsonSerializerOptions(Platform.Privacy.PhiSealing.SealIn);
                rabbit.StampUserId(trust.OwnUser);
                if (prefix.Length > 0)
                {
                    rabbit.MessageTopology.SetEntityNameFormatter(
                        new PrefixEntityNameFormatter(rabbit.MessageTopology.EntityNameFormatter, prefix));
                }

                rabbit.ConfigureEndpoints(context);
            });
        });

        builder.Services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = true;
            o.StartTimeout = TimeSpan.FromSeconds(60);
            o.StopTimeout = TimeSpan.FromSeconds(30);
        });

        return builder;
    }

    /// <summary>
    /// Sets AMQP <c>user_id</c> on everything the bus sends or publishes. The broker refuses a <c>user_id</c> other
    /// than the login, so consumers can believe it (and nothing else about who sent a message).
    /// </summary>
    public static void StampUserId(this IBusFactoryConfigurator bus, string user)
    {
        ArgumentNullException.ThrowIfNull(bus);
        // Publishing has a pipe of its own; both end in the same AMQP properties.
        bus.ConfigureSend(send => send.UseSendExecute(message => Stamp(message, user)));
        bus.ConfigurePublish(publish => publish.UseExecute(message => Stamp(message, user)));
    }

    private static void Stamp(PipeContext message, string user)
    {
        if (message.TryGetPayload<RabbitMqSendContext>(out var amqp))
        {
            amqp.BasicProperties.UserId = user;
        }
    }
}
