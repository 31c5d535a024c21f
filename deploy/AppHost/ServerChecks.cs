using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using RabbitMQ.Client;

namespace AppHost;

/// <summary>
/// Readiness that speaks each protocol: a TCP connect would be fooled by any other program listening on the port.
/// </summary>
internal static class ServerChecks
{
    public static async Task<HealthCheckResult> PostgresAsync(string connectionString, CancellationToken ct)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("select 1", connection);
            await command.ExecuteScalarAsync(ct);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy(ex.Message);
        }
    }

    public static async Task<HealthCheckResult> AmqpAsync(string uri, CancellationToken ct)
    {
        try
        {
            var factory = new ConnectionFactory { Uri = new Uri(uri) };
            await using var connection = await factory.CreateConnectionAsync(ct);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.BrokerUnreachableException or IOException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy(ex.Message);
        }
    }

    public static string AddSpeaksCheck(this IDistributedApplicationBuilder builder, string name, Func<CancellationToken, Task<HealthCheckResult>> check)
    {
        builder.Services.AddHealthChecks().AddAsyncCheck(name, check);
        return name;
    }
}
