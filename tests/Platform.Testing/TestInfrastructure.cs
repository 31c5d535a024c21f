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
    /// A new empty database on the shared server, so every test host starts from a clean event store. Its name
    /// carries the test run's id (KAP_TEST_RUN, set by test.sh) so the run removes exactly its own databases.
    /// </summary>
    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var (postgres, _) = await ServersAsync();
        var run = Environment.GetEnvironmentVariable("KAP_TEST_RUN") is { Length: > 0 } id ? id : "local";
        var name = $"{prefix}_{run}_{Guid.NewGuid():N}".ToLowerInvariant();
        name = name[..Math.Min(name.Length, 63)];
        await using (var connection = new NpgsqlConnection(postgres))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(postgres) { Database = name }.ConnectionString;
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
