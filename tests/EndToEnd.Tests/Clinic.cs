using Integration.Api;
using Microsoft.Extensions.DependencyInjection;
using Scheduling.Api;
using Screening.Api;

namespace EndToEnd.Tests;

/// <summary>
/// The three services running together in the test process, each on its own database, sharing one RabbitMQ
/// prefix so they hear each other and no other test, and one movable <see cref="MovableClock"/> (at real time until
/// a test moves it).
/// </summary>
public class Clinic : IAsyncLifetime
{
    private readonly IReadOnlyDictionary<string, string>? settings;
    private readonly Func<string, string, Task>? prepareDatabase;

    public Clinic()
    {
    }

    /// <param name="settings">Settings every service starts with.</param>
    /// <param name="prepareDatabase">Run on each service's new database (service name, connection string) before it starts.</param>
    protected Clinic(IReadOnlyDictionary<string, string> settings, Func<string, string, Task> prepareDatabase)
    {
        this.settings = settings;
        this.prepareDatabase = prepareDatabase;
    }

    public ServiceHost<ScreeningServiceMarker> Screening { get; private set; } = null!;

    public ServiceHost<SchedulingServiceMarker> Scheduling { get; private set; } = null!;

    public ServiceHost<IntegrationServiceMarker> Integration { get; private set; } = null!;

    public MovableClock Clock { get; } = new();

    public async ValueTask InitializeAsync()
    {
        var prefix = ServiceHost.NewEntityPrefix();
        void SharedClock(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
        Func<string, Task>? Prepare(string service) => prepareDatabase is null ? null : database => prepareDatabase(service, database);
        var starting = (
            ServiceHost.StartAsync<ScreeningServiceMarker>(prefix, configureServices: SharedClock, settings: await SettingsAsync("Screening"), prepareDatabase: Prepare("Screening")),
            ServiceHost.StartAsync<SchedulingServiceMarker>(prefix, configureServices: SharedClock, settings: await SettingsAsync("Scheduling"), prepareDatabase: Prepare("Scheduling")),
            ServiceHost.StartAsync<IntegrationServiceMarker>(prefix, configureServices: SharedClock, settings: await SettingsAsync("Integration"), prepareDatabase: Prepare("Integration")));
        Screening = await starting.Item1;
        Scheduling = await starting.Item2;
        Integration = await starting.Item3;
    }

    /// <summary>The settings a service starts with (<paramref name="service"/>: Screening, Scheduling, Integration).</summary>
    protected virtual Task<IReadOnlyDictionary<string, string>?> SettingsAsync(string service) => Task.FromResult(settings);

    public async ValueTask DisposeAsync()
    {
        await Screening.DisposeAsync();
        await Scheduling.DisposeAsync();
        await Integration.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// The same three services with the chain's clinics on two PostgreSQL servers (Database:Groups): the development clinic,
/// the one every <see cref="CourseScript"/> runs in, on a database of the second server, the other clinic ("north")
/// on the primary.
/// </summary>
public sealed class ClinicsOnTwoServers : Clinic
{
    public const string Group = "second";

    /// <summary>Each service's database on the second server.</summary>
    public Dictionary<string, string> SecondDatabases { get; } = [];

    protected override async Task<IReadOnlyDictionary<string, string>?> SettingsAsync(string service)
    {
        var database = await TestInfrastructure.CreateDatabaseOnSecondServerAsync(service);
        lock (SecondDatabases)
        {
            SecondDatabases[service] = database;
        }

        return new Dictionary<string, string> {
            [$"Database:Groups:{Group}:ConnectionString"] = database,
            [$"Database:Groups:{Group}:Clinics"] = ClinicScope.Development,
        };
    }
}
