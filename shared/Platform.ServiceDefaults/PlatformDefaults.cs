using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Platform.Commands;
using Platform.Messaging;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Health;
using Platform.ServiceDefaults.Marten;
using Platform.ServiceDefaults.Operations;
using Platform.ServiceDefaults.Privacy;
using Platform.ServiceDefaults.Telemetry;
using Scalar.AspNetCore;

namespace Platform.ServiceDefaults;

/// <summary>Everything the three services share, so each Program.cs names only what is its own.</summary>
public static class PlatformDefaults
{
    public static WebApplicationBuilder AddPlatform<TEventMap>(
        this WebApplicationBuilder builder,
        PlatformService service,
        Action<StoreOptions> configureMarten,
        Action<IBusRegistrationConfigurator> configureConsumers)
        where TEventMap : class, IIntegrationEventMap
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddProtocol(ClinicalProtocol.SectionName, ClinicalProtocol.Default);
        builder.Services.AddSingleton<ClinicClock>();
        builder.Services.AddSingleton<IIntegrationEventMap, TEventMap>();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<PlatformExceptionHandler>();
        builder.Services.AddSingleton<AccessAudit>();
        builder.Services.AddSingleton(AccessAudit.TableStep);
        // Unreadable bodies and query values reach PlatformExceptionHandler, which answers 400 naming the field;
        // without this, outside Development minimal APIs answer a bare 400.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(o => StrictJson.Configure(o.SerializerOptions));

        return builder
            .AddPatientKeys()
            .AddPlatformTelemetry(service)
            .AddPlatformMarten(service, configureMarten)
            .AddPlatformMessaging(configureConsumers)
            .AddPlatformHealth()
            .AddPlatformAuth()
            .AddClinicScope()
            .AddEdgeProtection()
            .AddPlatformOpenApi(service);
    }

    public static WebApplication UsePlatform(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseContentTypeGuard();
        app.UseSecurityHeaders();
        app.UseRequestBodyLimit();
        app.UseAdmissionLimit();
        app.UseAccessAudit();
        app.UseAuthentication();
        app.UseClinicScope(); // before authorisation, so a refused request is audited under the clinic it asked for
        app.UseRateLimiter(); // after authentication: callers are limited by token subject
        app.UseAuthorization();
        app.MapPlatformHealth();
        app.MapPlatformOperations();
        app.MapAccessAudit();
        app.MapOpenApi().AllowAnonymous();
        if (app.Environment.IsDevelopment())
        {
            app.MapScalarApiReference().AllowAnonymous();
            app.MapGet("/", () => Results.Redirect("/scalar")).AllowAnonymous().ExcludeFromDescription();
        }

        return app;
    }
}
