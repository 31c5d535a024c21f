using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

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
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready) }).AllowAnonymous();
        return app;
    }
}
