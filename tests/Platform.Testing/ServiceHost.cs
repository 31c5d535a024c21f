using System.Net.Http.Headers;
using Marten;
using Marten.Events;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Identity;

namespace Platform.Testing;

/// <summary>
/// One service running in the test process against the real servers, with its own database and its own
/// queue and exchange prefix so hosts in one test run never see each other's state.
/// </summary>
public sealed class ServiceHost<TEntryPoint> : WebApplicationFactory<TEntryPoint>
    where TEntryPoint : class
{
    public const string SigningKey = "test-signing-key-with-at-least-32-characters!";

    private readonly string postgres;
    private readonly string rabbitMq;
    private readonly string entityPrefix;
    private readonly Action<IServiceCollection>? configureServices;
    private readonly IReadOnlyDictionary<string, string>? settings;

    internal ServiceHost(
        string postgres, string rabbitMq, string entityPrefix, Action<IServiceCollection>? configureServices, IReadOnlyDictionary<string, string>? settings)
    {
        this.postgres = postgres;
        this.rabbitMq = rabbitMq;
        this.entityPrefix = entityPrefix;
        this.configureServices = configureServices;
        this.settings = settings;
    }

    public string Postgres => postgres;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Postgres", postgres);
        builder.UseSetting("ConnectionStrings:RabbitMq", rabbitMq);
        builder.UseSetting("Messaging:EntityPrefix", entityPrefix);
        if (!TestInfrastructure.BrokerUsersExist)
        {
            // Without the services' own users everything comes from the admin account, so that is whom to believe.
            foreach (var service in Platform.Contracts.ContractOwners.Services)
            {
                builder.UseSetting($"Messaging:BrokerUsers:{service}", TestInfrastructure.AdminBrokerUser(rabbitMq));
            }
        }

        builder.UseSetting("Auth:SigningKey", SigningKey);
        for (var i = 0; i < ServiceHost.Clinics.Count; i++)
        {
            builder.UseSetting($"Chain:Clinics:{i}", ServiceHost.Clinics[i]);
        }

        // Tests burst far beyond a clinician's pace; the limit itself has its own test.
        builder.UseSetting("RateLimit:PermitsPerMinute", "1000000");
        // And burst fifty requests at once to prove races safe; the admission limit has its own test (AdmissionTests).
        builder.UseSetting("Http:RequestQueueLimit", "1000");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        if (configureServices is not null)
        {
            builder.ConfigureServices(configureServices);
        }
    }

    /// <param name="clinics">The clinics the token grants; the development clinic when null.</param>
    /// <param name="scopes">The SMART scopes the token grants (space-separated); every resource when null.</param>
    public HttpClient ClientFor(string role, string subject = "test-user", IReadOnlyList<string>? clinics = null, string? scopes = null)
    {
        var client = CreateClient();
        var token = DevTokens.Mint(Services.GetRequiredService<JwtSettings>(), role, subject, TimeSpan.FromHours(1), clinics, scopes);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();

    /// <summary>Waits until the daemon (projections and the outbox relay) has processed everything committed so far.</summary>
    public Task CatchUpAsync() => Services.ForceAllMartenDaemonActivityToCatchUpAsync(CancellationToken.None);

    /// <summary>Counts, from now on, the deliveries of <typeparamref name="T"/> this host's consumers finish.</summary>
    public ConsumedMessages<T> Consumed<T>()
        where T : class => new(Services.GetRequiredService<IBus>());

    /// <summary>The daemon's high-water mark and the outbox relay's progress (event sequence numbers).</summary>
    public async Task<(long HighWaterMark, long Relay)> DaemonProgressAsync()
    {
        var shards = await Store.Advanced.AllProjectionProgress();
        long Of(Func<string, bool> name) => shards.Where(s => name(s.ShardName)).Select(s => s.Sequence).DefaultIfEmpty(0).Max();
        return (
            Of(name => name == "HighWaterMark"),
            Of(name => name.StartsWith(Platform.Messaging.OutboxRelay.SubscriptionName, StringComparison.Ordinal)));
    }
}

/// <summary>Starts service hosts against the shared test servers.</summary>
public static class ServiceHost
{
    /// <summary>The test chain: the development clinic and a second one for the isolation tests.</summary>
    public static readonly IReadOnlyList<string> Clinics = [ClinicScope.Development, "north"];

    /// <summary>
    /// Starts the service. Hosts that must talk to each other share an entity prefix; pass a RabbitMQ connection
    /// string (a <see cref="TcpProxy"/>) to control the service's path to the broker, and PostgreSQL connection-string
    /// settings ("Maximum Pool Size=2") to control its path to the database; <paramref name="settings"/> override the
    /// test defaults (e.g. a small admission limit); <paramref name="prepareDatabase"/> runs on the new database before
    /// the service first starts on it (e.g. tables as an earlier release left them).
    /// </summary>
    public static async Task<ServiceHost<TEntryPoint>> StartAsync<TEntryPoint>(
        string entityPrefix,
        string? rabbitMqOverride = null,
        Action<IServiceCollection>? configureServices = null,
        int? kestrelPort = null,
        string? postgresOptions = null,
        IReadOnlyDictionary<string, string>? settings = null,
        Func<string, Task>? prepareDatabase = null)
        where TEntryPoint : class
    {
        var (_, rabbitMq) = await TestInfrastructure.ServersAsync();
        var service = typeof(TEntryPoint).Assembly.GetName().Name!.Split('.')[0];
        var database = await TestInfrastructure.CreateDatabaseAsync(service);
        if (prepareDatabase is not null)
        {
            await prepareDatabase(database);
        }

        TestInfrastructure.LogBrokerUsersFallback();
        // The service logs in to the broker as itself, also through a test's proxy, as it does in every deployment.
        var broker = TestInfrastructure.RabbitMqAs(rabbitMqOverride ?? rabbitMq, service.ToLowerInvariant());
        // Extra connection-string settings (a small pool, a short timeout) for the tests of behaviour under pressure.
        var postgres = postgresOptions is null ? database : $"{database};{postgresOptions}";
        // Every service host of the test process shares one key table, as every service of a deployment does
        // (a process has one key ring): a sealed value one service sends, another reads.
        var withKeys = new Dictionary<string, string> {
            ["ConnectionStrings:PatientKeys"] = TestInfrastructure.AsRole(await TestInfrastructure.PatientKeysDatabaseAsync(), service.ToLowerInvariant()),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            withKeys[key] = value;
        }

        var host = new ServiceHost<TEntryPoint>(postgres, broker, entityPrefix, configureServices, withKeys);
        if (kestrelPort is { } port)
        {
            // A real loopback port, for callers outside the process (the docs' curl walkthroughs).
            host.UseKestrel(port);
            host.StartServer();
        }
        else
        {
            _ = host.Server; // build and start now, so failures surface in the fixture, not the first test
        }

        return host;
    }

    public static string NewEntityPrefix() => $"t{Guid.NewGuid():N}"[..9] + "-";
}

/// <summary>Polling for asynchronous outcomes: integration across services is asynchronous by design.</summary>
public static class Eventually
{
    /// <summary>Polls until the condition holds; integration across services is asynchronous by design.</summary>
    public static async Task<T> Async<T>(Func<Task<T?>> probe, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var value = await probe();
            if (value is not null)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Timed out waiting for " + (what ?? "a condition"));
            }

            await Task.Delay(100);
        }
    }
}
