using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Platform.Fhir;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Telemetry;
using Yarp.ReverseProxy.Transforms;

namespace Platform.Gateway;

/// <summary>The gateway's host: telemetry like the services, health probes, /fhir/metadata and the SMART configuration, the searches of shared types and with _include, Patient/$everything and the proxy routes.</summary>
public static class GatewayProgram
{
    public static readonly PlatformService Service = new("Gateway", DaemonLockId: 0);

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddPlatformTelemetry(Service);
        builder.Services.AddHealthChecks();
        builder.Services.AddProblemDetails();
        builder.Services.AddFhir();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHttpClient(FhirFanOut.HttpClientName);
        builder.Services.AddHttpClient(SmartConfiguration.HttpClientName);
        builder.Services.AddSingleton(builder.Configuration.GetSection("Auth").Get<JwtSettings>() ?? new JwtSettings());
        builder.Services.AddSingleton<SmartConfiguration>();
        builder.Services.AddReverseProxy()
            .LoadFromMemory(FhirRoutes.Routes(), FhirRoutes.Clusters(builder.Configuration))
            // The client's Host reaches the service, so the links it writes (Bundle self/next, fullUrl) name the gateway.
            .AddTransforms(context => context.AddOriginalHost(useOriginal: true));
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseStatusCodePages(); // an unreachable service (502) is answered as an OperationOutcome too
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready");
        // Public, as FHIR requires: a client reads what the server supports before it has a token.
        app.MapGet("/fhir/metadata", (TimeProvider time) => new FhirResult(Capabilities.Statement(time.GetUtcNow()), StatusCodes.Status200OK));
        app.MapGet(SmartConfiguration.Path, (SmartConfiguration smart, CancellationToken ct) => smart.AnswerAsync(ct));
        app.UseFhirIncludes();
        app.MapFhirFanOut();
        app.MapPatientEverything();
        app.MapReverseProxy();
        return app;
    }
}
