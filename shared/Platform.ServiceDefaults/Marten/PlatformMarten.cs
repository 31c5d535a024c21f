using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.OpenTelemetry;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Outbox;

namespace Platform.ServiceDefaults.Marten;

public static class PlatformMarten
{
    /// <summary>
    /// Marten with one schema per service, its own daemon lock, trace context in event headers, the async daemon
    /// (hot/cold, so only one node runs projections and the relay) and the outbox relay subscription.
    /// </summary>
    public static WebApplicationBuilder AddPlatformMarten(
        this WebApplicationBuilder builder,
        PlatformService service,
        Action<StoreOptions> configure)
    {
        var connectionString = builder.Configuration.GetConnectionString("Postgres")
            ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not configured.");

        builder.Services.AddMarten(options =>
            {
                options.Connection(connectionString);
                options.DatabaseSchemaName = service.Schema;
                options.Events.DatabaseSchemaName = service.Schema;
                options.Events.StreamIdentity = StreamIdentity.AsGuid;
                options.Events.MetadataConfig.HeadersEnabled = true;
                options.Events.MetadataConfig.CorrelationIdEnabled = true;
                options.Projections.DaemonLockId = service.DaemonLockId;
                options.OpenTelemetry.TrackConnections = TrackLevel.Normal;
                options.OpenTelemetry.TrackEventCounters();
                options.Schema.For<ProcessedMessage>().DatabaseSchemaName(service.Schema);
                configure(options);
            })
            .BuildSessionsWith<TracedSessionFactory>()
            .AddAsyncDaemon(DaemonMode.HotCold)
            .AddSubscriptionWithServices<OutboxRelay>(ServiceLifetime.Singleton)
            .ApplyAllDatabaseChangesOnStartup();

        return builder;
    }
}
