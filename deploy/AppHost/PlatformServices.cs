using Microsoft.Extensions.Configuration;

namespace AppHost;

internal static class PlatformServices
{
    /// <summary>The identity provider's issuer: plain HTTP on loopback, where nothing else listens.</summary>
    public const string Authority = "http://127.0.0.1:8084/";

    /// <summary>
    /// A service in Development on its fixed port, started once its database role and broker user are set up, logged
    /// in to each as itself. With more than one replica (<c>--Replicas N</c>) Aspire's proxy takes the port and spreads
    /// requests over the nodes, which share the database and the queues; each daemon shard runs on one of them.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddPlatformService<TProject>(
        this IDistributedApplicationBuilder builder,
        string name,
        int port,
        LocalInfra infra,
        IResourceBuilder<ExecutableResource> database,
        IResourceBuilder<ExecutableResource> brokerUsers,
        IResourceBuilder<ProjectResource> identity)
        where TProject : IProjectMetadata, new()
    {
        var replicas = builder.Configuration.GetValue("Replicas", 1);
        var service = builder.AddProject<TProject>(name, launchProfileName: null)
            .WithHttpEndpoint(port: port, isProxied: replicas > 1);
        if (replicas > 1)
        {
            service.WithReplicas(replicas);
        }

        return service
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Development")
            .WithEnvironment("ConnectionStrings__Postgres", infra.PostgresAs(name))
            .WithEnvironment("ConnectionStrings__RabbitMq", infra.RabbitMqAs(name))
            // The identity provider's tokens, and in Development deploy/dev-token.py's too (docs/identity.md).
            .WithEnvironment("Auth__Authority", Authority)
            .WithEnvironment("Auth__RequireHttpsMetadata", "false")
            .WithEnvironment("Auth__Introspection__ClientId", "kap-platform") // seeded in Development: a revoked token stops working
            .WithEnvironment("Auth__Introspection__ClientSecret", "kap-platform-dev-secret")
            .WithHttpHealthCheck("/health/ready")
            .WaitForCompletion(database)
            .WaitForCompletion(brokerUsers)
            .WaitFor(identity);
    }
}
