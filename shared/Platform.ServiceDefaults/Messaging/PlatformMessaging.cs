using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.ServiceDefaults.Messaging;

public static class PlatformMessaging
{
    /// <summary>
    /// MassTransit over RabbitMQ: kebab-case quorum queues, in-memory retry then the _error queue (this broker has
    /// no delayed-message plugin), and a bus that is bound before the host reports started.
    /// </summary>
    /// <remarks>
    /// <c>Messaging:EntityPrefix</c> prefixes every queue and exchange, so test runs sharing one broker stay apart.
    /// </remarks>
    public static WebApplicationBuilder AddPlatformMessaging(
        this WebApplicationBuilder builder,
        Action<IBusRegistrationConfigurator> configureConsumers)
    {
        var connectionString = builder.Configuration.GetConnectionString("RabbitMq")
            ?? throw new InvalidOperationException("ConnectionStrings:RabbitMq is not configured.");
        var prefix = builder.Configuration["Messaging:EntityPrefix"] ?? string.Empty;

        builder.Services.AddMassTransit(bus =>
        {
            // Nothing about a clinic's traffic leaves the deployment.
            bus.DisableUsageTelemetry();
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(prefix, false));
            bus.AddConfigureEndpointsCallback((_, endpoint) =>
            {
                if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                {
                    rabbit.SetQuorumQueue();
                }

                endpoint.UseMessageRetry(r => r.Intervals(100, 500, 1000, 2000, 5000));
            });
            configureConsumers(bus);

            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(connectionString));
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
}
