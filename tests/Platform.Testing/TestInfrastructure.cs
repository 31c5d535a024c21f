using Npgsql;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace Platform.Testing;

/// <summary>
/// The real PostgreSQL and RabbitMQ the tests run against: the servers named by ConnectionStrings__Postgres and
/// ConnectionStrings__RabbitMq when set (CI and deploy/local-infra.sh), otherwise containers started by
/// Testcontainers where a Docker engine exists. Started once per test process.
/// </summary>
public static class TestInfrastructure
{
    /// <summary>The base tables of <paramref name="schemas"/>, as quoted <c>schema.table</c> names, sorted.</summary>
    public static async Task<IReadOnlyList<string>> BaseTablesAsync(NpgsqlConnection connection, params string[] schemas)
    {
        await using var list = new NpgsqlCommand(
            "select format('%I.%I', table_schema, table_name) from information_schema.tables where table_schema = any($1) and table_type = 'BASE TABLE' order by 1",
            connection);
        list.Parameters.Add(new NpgsqlParameter { Value = schemas });
        await using var reader = await list.ExecuteReaderAsync();
        var tables = new List<string>();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static (string Postgres, string RabbitMq)? servers;

    public static async Task<(string Postgres, string RabbitMq)> ServersAsync()
    {
        if (servers is { } known)
        {
            return known;
        }

        await Gate.WaitAsync();
        try
        {
            servers ??= await StartAsync();
            return servers.Value;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// A new empty database on the shared server, so every test host starts from a clean event store, set up with
    /// deploy/postgres/database.sql exactly as compose and the AppHost set up theirs. The connection string returned
    /// logs in as the service's own role (named by <paramref name="prefix"/>: Screening, Scheduling, Integration),
    /// never as the superuser, so every test run exercises the grants. The name carries the test run's id
    /// (KAP_TEST_RUN, set by test.sh) so the run removes exactly its own databases.
    /// </summary>
    public static async Task<string> CreateDatabaseAsync(string prefix) => await CreateDatabaseAsync(prefix, (await ServersAsync()).Postgres);

    /// <summary>
    /// The same on the second PostgreSQL server, for a chain whose clinics live on two servers (Database:Groups):
    /// ConnectionStrings__Postgres2 (deploy/local-infra.sh starts it), otherwise a container where Docker exists.
    /// </summary>
    public static async Task<string> CreateDatabaseOnSecondServerAsync(string prefix) => await CreateDatabaseAsync(prefix, await SecondServerAsync());

    private static async Task<string> CreateDatabaseAsync(string prefix, string postgres)
    {
        await EnsureRolesAsync(postgres);
        var run = Environment.GetEnvironmentVariable("KAP_TEST_RUN") is { Length: > 0 } id ? id : "local";
        var name = $"{prefix}_{run}_{Guid.NewGuid():N}".ToLowerInvariant();
        name = name[..Math.Min(name.Length, 63)];
        await using (var connection = new NpgsqlConnection(postgres))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        var superuser = new NpgsqlConnectionStringBuilder(postgres) { Database = name };
        await using (var connection = new NpgsqlConnection(superuser.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(await File.ReadAllTextAsync(RepositoryFile("deploy", "postgres", "database.sql")), connection);
            await command.ExecuteNonQueryAsync();
        }

        var role = prefix.ToLowerInvariant();
        return ServiceRoles.Contains(role) ? AsRole(superuser.ConnectionString, role) : superuser.ConnectionString;
    }

    private static Task<string>? patientKeys;

    /// <summary>
    /// The test process's one patient-key database (privacy.subject_keys, deploy/postgres/database.sql), as the superuser:
    /// the process's key ring is one, so every service host of the process uses this one (as its own role).
    /// </summary>
    public static Task<string> PatientKeysDatabaseAsync()
    {
        lock (RolesReady)
        {
            return patientKeys ??= CreateDatabaseAsync("keys");
        }
    }

    /// <summary>The same database, logged in as another platform role (e.g. "analyst").</summary>
    public static string AsRole(string connectionString, string role) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Username = role, Password = RolePassword(role) }.ConnectionString;

    /// <summary>
    /// Whether the run's virtual host has the services' own RabbitMQ users (test.sh creates them with
    /// deploy/local-infra.sh broker when it administers the broker, and says so in KAP_BROKER_USERS).
    /// </summary>
    public static bool BrokerUsersExist => Environment.GetEnvironmentVariable("KAP_BROKER_USERS") == "1";

    /// <summary>Skips the calling test, saying why, when the run has no per-service broker users to check against.</summary>
    public static void SkipUnlessBrokerUsersExist() => Assert.SkipUnless(
        BrokerUsersExist,
        "Needs the services' own RabbitMQ users (KAP_BROKER_USERS unset; run ./test.sh on a machine with rabbitmqctl access).");

    /// <summary>
    /// The broker as a service's own user (<c>screening</c>, <c>scheduling</c>, <c>integration</c>) when the run has
    /// them; otherwise the admin connection unchanged, and the services are told that is whom to trust.
    /// </summary>
    public static string RabbitMqAs(string rabbitMq, string service)
    {
        if (!BrokerUsersExist)
        {
            return rabbitMq;
        }

        return new UriBuilder(rabbitMq) { UserName = service, Password = RolePassword(service) }.Uri.ToString();
    }

    /// <summary>The run's admin broker user, which publishes every contract when the services' users do not exist.</summary>
    public static string AdminBrokerUser(string rabbitMq) => Platform.Messaging.PublisherTrust.UserOf(rabbitMq);

    private static int fallbackLogged;

    /// <summary>Says once per test process, on the console, that the broker permission checks are not running.</summary>
    public static void LogBrokerUsersFallback()
    {
        if (!BrokerUsersExist && Interlocked.Exchange(ref fallbackLogged, 1) == 0)
        {
            Console.Error.WriteLine(
                "TestInfrastructure: KAP_BROKER_USERS is not set, so the services connect as the admin broker user, trust it for " +
                "every contract, and the broker permission tests only log that they did not run (run ./test.sh with rabbitmqctl access).");
        }
    }

    /// <summary>Loopback test servers only: the password deploy/local-infra.sh also gives the role.</summary>
    public static string RolePassword(string role) => $"kap-{role}-local";

    private static readonly string[] ServiceRoles = ["screening", "scheduling", "integration", "identity"];
    private static readonly string[] AllRoles = [.. ServiceRoles, "analyst"];
    private static readonly Dictionary<string, Task> RolesReady = [];

    private static Task EnsureRolesAsync(string postgres)
    {
        lock (RolesReady)
        {
            return RolesReady.TryGetValue(postgres, out var ready) ? ready : RolesReady[postgres] = CreateRolesAsync(postgres);
        }
    }

    private static Task<string>? secondServer;

    private static Task<string> SecondServerAsync()
    {
        lock (RolesReady)
        {
            return secondServer ??= StartSecondAsync();
        }

        static async Task<string> StartSecondAsync()
        {
            if (Environment.GetEnvironmentVariable("ConnectionStrings__Postgres2") is { Length: > 0 } configured)
            {
                return configured;
            }

            var container = new PostgreSqlBuilder("postgres:15-alpine").Build();
            await container.StartAsync();
            return container.GetConnectionString();
        }
    }

    private static async Task CreateRolesAsync(string postgres)
    {
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        foreach (var role in AllRoles)
        {
            try
            {
                await using var create = new NpgsqlCommand($"CREATE ROLE {role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE", connection);
                await create.ExecuteNonQueryAsync();
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateObject or PostgresErrorCodes.UniqueViolation)
            {
                // Another test process (or local-infra.sh) created it first.
            }

            await using var password = new NpgsqlCommand($"ALTER ROLE {role} PASSWORD '{RolePassword(role)}'", connection);
            await password.ExecuteNonQueryAsync();
        }
    }

    private static string RepositoryFile(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine([dir.FullName, .. parts]);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("Not found above the test binaries: " + Path.Combine(parts));
    }

    private static async Task<(string, string)> StartAsync()
    {
        var postgres = Environment.GetEnvironmentVariable("ConnectionStrings__Postgres");
        var rabbit = Environment.GetEnvironmentVariable("ConnectionStrings__RabbitMq");

        if (string.IsNullOrWhiteSpace(postgres))
        {
            var container = new PostgreSqlBuilder("postgres:15-alpine").Build();
            await container.StartAsync();
            postgres = container.GetConnectionString();
        }

        if (string.IsNullOrWhiteSpace(rabbit))
        {
            var container = new RabbitMqBuilder("rabbitmq:3.13-alpine").Build();
            await container.StartAsync();
            rabbit = container.GetConnectionString();
        }

        return (postgres, rabbit);
    }
}
