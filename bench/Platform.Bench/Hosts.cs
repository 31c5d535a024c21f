namespace Platform.Bench;

/// <summary>
/// The services hosted in this process, exactly as the tests host them (Platform.Testing), each on a database of
/// its own; every database the run created is dropped at the end.
/// </summary>
internal static class Hosts
{
    public static readonly string Run = $"bench{DateTime.UtcNow:MMddHHmmss}";

    public static void Prepare()
    {
        // WebApplicationFactory finds a content root from attributes only test projects get; name them here.
        var repository = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(repository.FullName, "Platform.sln")))
        {
            repository = repository.Parent ?? throw new InvalidOperationException("Run the benchmark from inside the repository.");
        }

        foreach (var (service, folder) in new[] { ("SCREENING", "Screening"), ("SCHEDULING", "Scheduling"), ("INTEGRATION", "Integration") })
        {
            Environment.SetEnvironmentVariable(
                $"ASPNETCORE_TEST_CONTENTROOT_{service}_API", Path.Combine(repository.FullName, "services", folder, $"{folder}.Api"));
        }

        Environment.SetEnvironmentVariable("KAP_TEST_RUN", Run);
        Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");
        Environment.SetEnvironmentVariable("Logging__LogLevel__Microsoft.AspNetCore", "Error");
        Environment.SetEnvironmentVariable("Logging__LogLevel__MassTransit", "Error");

        // The run ends by force-dropping its databases, which cuts the daemons' LISTEN connections mid-wait.
        Environment.SetEnvironmentVariable("Logging__LogLevel__Marten.Events.Daemon.Coordination.ProjectionCoordinator", "Error");
    }

    /// <summary>How committed events reach the broker in the hosts started from now on (Outbox:Delivery).</summary>
    public static void UseDelivery(string mode) => Environment.SetEnvironmentVariable("Outbox__Delivery", mode);

    /// <summary>
    /// The admission limit as deployed unless the run says otherwise (<see cref="Admit"/>; the test hosts lift its
    /// queue so their bursts prove races, not capacity): the benchmark measures what a clinic gets.
    /// </summary>
    private static readonly Dictionary<string, string> Production = [];

    /// <summary>Requests each service serves at once and queues in the hosts started from now on (--admission).</summary>
    public static void Admit(int permits, int queue)
    {
        Production["Http:MaxConcurrentRequests"] = permits.ToString(CultureInfo.InvariantCulture);
        Production["Http:RequestQueueLimit"] = queue.ToString(CultureInfo.InvariantCulture);
    }

    public static Task<ServiceHost<ScreeningServiceMarker>> ScreeningAsync(
        string prefix, Action<IServiceCollection>? services = null, IReadOnlyDictionary<string, string>? settings = null) =>
        ServiceHost.StartAsync<ScreeningServiceMarker>(prefix, configureServices: services, settings: With(settings));

    public static Task<ServiceHost<SchedulingServiceMarker>> SchedulingAsync(
        string prefix, Action<IServiceCollection>? services = null, IReadOnlyDictionary<string, string>? settings = null) =>
        ServiceHost.StartAsync<SchedulingServiceMarker>(prefix, configureServices: services, settings: With(settings));

    public static Task<ServiceHost<IntegrationServiceMarker>> IntegrationAsync(
        string prefix, Action<IServiceCollection>? services = null, IReadOnlyDictionary<string, string>? settings = null) =>
        ServiceHost.StartAsync<IntegrationServiceMarker>(prefix, configureServices: services, settings: With(settings));

    private static Dictionary<string, string> With(IReadOnlyDictionary<string, string>? settings) =>
        settings is null ? Production : new Dictionary<string, string>(Production.Concat(settings));

    /// <summary>A connection string of the server's administrator to a database of this run.</summary>
    public static async Task<string> AdminAsync(string? database = null)
    {
        var (postgres, _) = await TestInfrastructure.ServersAsync();
        return new NpgsqlConnectionStringBuilder(postgres) { Database = database ?? "postgres" }.ConnectionString;
    }

    public static async Task<string> CreateScratchDatabaseAsync(string name)
    {
        var database = $"{name}_{Run}";
        await ExecuteAsync(await AdminAsync(), $"CREATE DATABASE \"{database}\"");
        return await AdminAsync(database);
    }

    public static async Task DropDatabasesAsync()
    {
        var servers = new List<string> { await AdminAsync() };
        if (Environment.GetEnvironmentVariable("ConnectionStrings__Postgres2") is { Length: > 0 } second)
        {
            // The chain year's second server (--servers 2).
            servers.Add(new NpgsqlConnectionStringBuilder(second) { Database = "postgres" }.ConnectionString);
        }

        foreach (var admin in servers)
        {
            var names = new List<string>();
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("select datname from pg_database where datname like @pattern", connection);
                command.Parameters.AddWithValue("pattern", $"%\\_{Run}%");
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    names.Add(reader.GetString(0));
                }
            }

            foreach (var name in names)
            {
                await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            }
        }
    }

    public static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }

    public static string DatabaseOf(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Database!;
}
