using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.MultiTenancy;
using JasperFx.OpenTelemetry;
using Platform.Messaging;
using SystemTextJsonSerializer = Marten.Services.SystemTextJsonSerializer;

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
        var databases = ClinicDatabases.From(builder.Configuration);
        builder.Services.AddSingleton(databases);

        // Measured side by side by bench/Platform.Bench (bench/README.md). The relay alone waits for the daemon's
        // poll (p99 about a second). Marten's LISTEN/NOTIFY wakes it at once, but NOTIFY takes a database-wide lock
        // at commit, so every transaction that appends events commits one after the other (the benchmark's
        // PostgreSQL profile shows them waiting on Lock:object) and write throughput collapses under load.
        // Publishing right after commit reaches the consumer in milliseconds without that lock; the polling relay
        // stays the durable, at-least-once guarantee behind it and publishes whatever the fast path did not.
        var delivery = builder.Configuration.GetValue("Outbox:Delivery", OutboxDelivery.PostCommit);
        builder.Services.AddSingleton(sp => new PostCommitPublisher(
            sp.GetRequiredService<MassTransit.IBus>(),
            sp.GetRequiredService<IIntegrationEventMap>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<PostCommitPublisher>>()) { Enabled = delivery == OutboxDelivery.PostCommit });
        builder.Services.AddSingleton<IConfigureMarten, FastPathRegistration>();
        var migrations = SchemaMigrations.Mode(builder);
        builder.Services.AddSchemaStartup(migrations);

        builder.Services.AddMarten(options =>
            {
                databases.Apply(options);
                options.DatabaseSchemaName = service.Schema;
                options.Events.DatabaseSchemaName = service.Schema;
                options.Events.StreamIdentity = StreamIdentity.AsGuid;
                // One tenant per clinic, conjoined: the clinics of a database share tables with a tenant_id column, so adding
                // a clinic needs no schema change and a session of one clinic cannot see another's streams or documents. A
                // database per clinic would isolate further but multiply the daemons, migrations and connection pools by the
                // number of clinics; groups of clinics on other servers (ClinicDatabases) multiply them by the groups only.
                options.Events.TenancyStyle = TenancyStyle.Conjoined;
                options.Policies.AllDocumentsAreMultiTenanted();
                options.Events.MetadataConfig.HeadersEnabled = true;
                options.Events.MetadataConfig.CorrelationIdEnabled = true;
                options.Projections.DaemonLockId = service.DaemonLockId;
                // The outbox relay must never skip a committed event. A sequence gap older than the stale threshold is
                // skipped only when PostgreSQL shows no live transaction that could still fill it; a slow append is
                // waited out (and shows as relay lag in readiness), never skipped. Stated here, not left to defaults.
                options.Projections.StaleSequenceThreshold = TimeSpan.FromSeconds(3);
                options.Projections.UseTransactionEvidenceForGapSkipping = true;
                options.Projections.SkipStaleGapsDespiteLiveTransactionsAfter = null;
                options.OpenTelemetry.TrackConnections = TrackLevel.Normal;
                options.OpenTelemetry.TrackEventCounters();
                options.Schema.For<ProcessedMessage>().DatabaseSchemaName(service.Schema);
                options.Schema.For<IdempotencyRecord>().DocumentAlias("idempotency_record");
                options.Schema.For<ParkedEvent>().DatabaseSchemaName(service.Schema).SingleTenanted();
                if (delivery == OutboxDelivery.ListenNotify)
                {
                    options.Events.UseListenNotifyForEventAppends = true;
                    options.Projections.FastPollingTime = TimeSpan.FromMilliseconds(50);
                }

                configure(options);
                SealPhi(options);

                RebuildSettings.Apply(options, builder.Configuration);
                if (migrations == MigrationMode.Explicit)
                {
                    // The schema is the operator's migrate command's to change, never a request's.
                    options.AutoCreateSchemaObjects = AutoCreate.None;
                }
            })
            .BuildSessionsWith<TracedSessionFactory>()
            .AddAsyncDaemon(DaemonMode.HotCold)
            .AddSubscriptionWithServices<OutboxRelay>(ServiceLifetime.Singleton);

        return builder;
    }

    /// <summary>PostgreSQL connections per service ("Database:MaxPoolSize"), unless the connection string says.</summary>
    public const int DefaultMaxPoolSize = 40;

    /// <summary>PHI in the store's events and documents is sealed with its patient's key (Platform.Privacy, docs/privacy.md).</summary>
    public static void SealPhi(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Serializer() is not SystemTextJsonSerializer json)
        {
            throw new InvalidOperationException("PHI sealing needs Marten's System.Text.Json serializer.");
        }

        json.Configure(o => Platform.Privacy.PhiSealing.SealIn(o));
    }

    /// <summary>
    /// A pool with a ceiling and idle connections closed seconds after a burst (109 were left open after the benchmark's
    /// load; reopening one costs a few milliseconds), and statements prepared on the server after their second use
    /// (13-27 % more HTTP commands per second, bench/README.md), unless the connection string sets them itself. The
    /// admission limit is sized to this ceiling. Prepared statements are safe because a running service never changes
    /// its schema outside Development (<see cref="SchemaMigrations"/>).
    /// </summary>
    public static string BoundedPool(string connectionString, int maxPoolSize)
    {
        // The generic builder knows only the keys actually written (Npgsql's own answers for every key it supports).
        var written = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var bounded = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!written.ContainsKey("Maximum Pool Size") && !written.ContainsKey("MaxPoolSize"))
        {
            bounded.MaxPoolSize = maxPoolSize;
        }

        if (!written.ContainsKey("Connection Idle Lifetime") && !written.ContainsKey("ConnectionIdleLifetime"))
        {
            bounded.ConnectionIdleLifetime = 5;
            bounded.ConnectionPruningInterval = 2;
        }

        if (!written.ContainsKey("Max Auto Prepare") && !written.ContainsKey("MaxAutoPrepare"))
        {
            bounded.MaxAutoPrepare = 50;
            bounded.AutoPrepareMinUsages = 2;
        }

        return bounded.ConnectionString;
    }
}

/// <summary>The fast path needs the bus from the container, so it joins the store's listeners here.</summary>
internal sealed class FastPathRegistration(PostCommitPublisher publisher) : IConfigureMarten
{
    public void Configure(IServiceProvider services, StoreOptions options) => options.Listeners.Add(publisher);
}
