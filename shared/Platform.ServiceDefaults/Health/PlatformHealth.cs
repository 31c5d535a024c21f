using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.ServiceDefaults.Health;

public static class PlatformHealth
{
    private const string Ready = "ready";

    /// <remarks>MassTransit registers its own bus check tagged "ready"; it reports RabbitMQ reachability.</remarks>
    public static WebApplicationBuilder AddPlatformHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddNpgSql(builder.Configuration.GetConnectionString("Postgres")!, name: "postgres", tags: [Ready])
            .AddCheck<ProjectionDaemonHealthCheck>("projection-daemon", tags: [Ready]);
        return builder;
    }

    public static IEndpointRouteBuilder MapPlatformHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        // Degraded is not ready: a load balancer must stop sending work to a node that cannot reach its dependencies.
        app.MapHealthChecks("/health/ready", new HealthCheckOptions {
            Predicate = c => c.Tags.Contains(Ready),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous();
        return app;
    }
}
