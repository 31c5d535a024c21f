using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.ServiceDefaults.Health;

public static class PlatformHealth
{
    private const string Ready = "ready";

    /// <summary>
    /// A check that has not answered by then counts as failed. Without it a node cut off from its database or broker
    /// waits on a pooled connection until TCP gives up (minutes), and its readiness answers nothing instead of "not
    /// ready"; a working database answers in milliseconds, even 200 ms away (the fault suite's network faults).
    /// </summary>
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    /// <remarks>
    /// MassTransit registers its own bus check tagged "ready"; it reports RabbitMQ reachability. The outbox and
    /// error-queue checks say whether the safety loop is actually flowing (README, "Health and operations").
    /// </remarks>
    public static WebApplicationBuilder AddPlatformHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OutboxHealthOptions>().Bind(builder.Configuration.GetSection(OutboxHealthOptions.SectionName));
        var checks = builder.Services.AddHealthChecks();
        // One check per database the service's clinics live in (ClinicDatabases), each named after it.
        var databases = Marten.ClinicDatabases.From(builder.Configuration);
        foreach (var (name, connectionString) in databases.ConnectionStrings)
        {
            checks.AddNpgSql(connectionString, name: name == Marten.ClinicDatabases.Primary ? "postgres" : $"postgres-{name}", tags: [Ready]);
        }

        checks
            .AddCheck<ProjectionDaemonHealthCheck>("projection-daemon", tags: [Ready])
            .AddCheck<OutboxHealthCheck>("outbox", tags: [Ready])
            .AddCheck<ErrorQueueHealthCheck>("error-queues", tags: [Ready]);
        // Every check, MassTransit's included, bounded in time.
        builder.Services.PostConfigure<HealthCheckServiceOptions>(options =>
        {
            foreach (var registration in options.Registrations)
            {
                var factory = registration.Factory;
                registration.Factory = services => new BoundedHealthCheck(factory(services), CheckTimeout);
            }
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapPlatformHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        // Degraded is not ready: a load balancer must stop sending work to a node that cannot reach its dependencies.
        app.MapHealthChecks("/health/ready", new HealthCheckOptions {
            Predicate = c => c.Tags.Contains(Ready),
            ResponseWriter = WriteReportAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous();
        return app;
    }

    /// <summary>Each check's status and description (counts and names only, never clinical data), so an operator sees why.</summary>
    private static Task WriteReportAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }, cancellationToken: context.RequestAborted);
    }
}
