using AppHost;
using Microsoft.Extensions.Hosting;

// One command runs the platform on a machine without a container engine: PostgreSQL and RabbitMQ from the Debian
// packages as executables (own ports, so they never clash with the servers the tests start), the three services on
// 8081-8083, the FHIR gateway on 8080, the identity provider on 8084, and the Aspire dashboard on http://127.0.0.1:18888. Ctrl-C stops everything it started.
var builder = DistributedApplication.CreateBuilder(args);
var infra = LocalInfra.Prepare(Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "..")));

var postgres = builder.AddExecutable("postgres", "runuser", infra.State, infra.PostgresArguments)
    .WithHealthCheck(builder.AddSpeaksCheck("postgres-speaks", ct => ServerChecks.PostgresAsync(infra.Postgres, ct)));
// Roles and grants exactly as compose sets them up: each service logs in as its own role, never as the superuser.
var database = builder.AddExecutable("database-setup", "bash", infra.State, infra.Script, "database", "kap")
    .WithEnvironment(infra.ScriptEnvironment)
    .WaitFor(postgres);
var rabbitmq = builder.AddExecutable("rabbitmq", "runuser", infra.State, infra.RabbitMqArguments)
    .WithEnvironment(infra.RabbitMqEnvironment)
    .WithHealthCheck(builder.AddSpeaksCheck("rabbitmq-speaks", ct => ServerChecks.AmqpAsync(infra.RabbitMq, ct)));
// Broker users as compose sets them up: each service publishes only the contracts it owns.
var brokerUsers = builder.AddExecutable("broker-users", "bash", infra.State, infra.Script, "broker", "/")
    .WithEnvironment(infra.ScriptEnvironment)
    .WithEnvironment("RABBITMQ_NODENAME", LocalInfra.RabbitNode)
    .WaitFor(rabbitmq);

// The identity provider (sign-in page, tokens, JWKS) on http://127.0.0.1:8084, its tables in schema "identity" of the
// same database. Development seeds one user and one client per role (identity/Platform.Identity/appsettings.Development.json).
var identity = builder.AddProject<Projects.Platform_Identity>("identity", launchProfileName: null)
    .WithHttpEndpoint(port: 8084, isProxied: false)
    .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Development")
    .WithEnvironment("ConnectionStrings__Identity", infra.PostgresAs("identity"))
    .WithEnvironment("Identity__Issuer", PlatformServices.Authority)
    .WithHttpHealthCheck("/health/ready")
    .WaitForCompletion(database);

var screening = builder.AddPlatformService<Projects.Screening_Api>("screening", 8081, infra, database, brokerUsers, identity);
var scheduling = builder.AddPlatformService<Projects.Scheduling_Api>("scheduling", 8082, infra, database, brokerUsers, identity);
var integration = builder.AddPlatformService<Projects.Integration_Api>("integration", 8083, infra, database, brokerUsers, identity);

// The one FHIR base URL (http://127.0.0.1:8080/fhir): each resource type routed to the service that owns it.
builder.AddProject<Projects.Platform_Gateway>("gateway", launchProfileName: null)
    .WithHttpEndpoint(port: 8080, isProxied: false)
    .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Development")
    .WithEnvironment("Services__screening", screening.GetEndpoint("http"))
    .WithEnvironment("Services__scheduling", scheduling.GetEndpoint("http"))
    .WithEnvironment("Services__integration", integration.GetEndpoint("http"))
    .WithEnvironment("Auth__Authority", PlatformServices.Authority) // the SMART configuration names its endpoints
    .WithEnvironment("Auth__RequireHttpsMetadata", "false")
    .WithHttpHealthCheck("/health/ready")
    .WaitFor(screening)
    .WaitFor(scheduling)
    .WaitFor(integration);

// The demo clinic, once the three services are healthy, in Development only. Its idempotency keys make every later
// start answer the original requests, so a restart never duplicates the demo.
if (builder.Environment.IsDevelopment())
{
    builder.AddProject<Projects.DemoClinic>("demo-clinic")
        .WithEnvironment("SCREENING_URL", "http://127.0.0.1:8081")
        .WithEnvironment("SCHEDULING_URL", "http://127.0.0.1:8082")
        .WithEnvironment("INTEGRATION_URL", "http://127.0.0.1:8083")
        .WaitFor(screening)
        .WaitFor(scheduling)
        .WaitFor(integration);
}

builder.Build().Run();
