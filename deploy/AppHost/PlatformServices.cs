namespace AppHost;

internal static class PlatformServices
{
    /// <summary>
    /// A service in Development on its fixed port, started once its database role and broker user are set up, logged
    /// in to each as itself.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddPlatformService<TProject>(
        this IDistributedApplicationBuilder builder,
        string name,
        int port,
        LocalInfra infra,
        IResourceBuilder<ExecutableResource> database,
        IResourceBuilder<ExecutableResource> brokerUsers)
        where TProject : IProjectMetadata, new() =>
        builder.AddProject<TProject>(name, launchProfileName: null)
            .WithHttpEndpoint(port: port, isProxied: false)
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Development")
            .WithEnvironment("ConnectionStrings__Postgres", infra.PostgresAs(name))
            .WithEnvironment("ConnectionStrings__RabbitMq", infra.RabbitMqAs(name))
            .WithHttpHealthCheck("/health/ready")
            .WaitForCompletion(database)
            .WaitForCompletion(brokerUsers);
}
