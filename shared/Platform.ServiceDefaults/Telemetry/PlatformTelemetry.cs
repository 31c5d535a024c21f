using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Platform.ServiceDefaults.Telemetry;

public static class PlatformTelemetry
{
    public static WebApplicationBuilder AddPlatformTelemetry(this WebApplicationBuilder builder, PlatformService service)
    {
        var quiet = !builder.Configuration.GetValue("Telemetry:TraceDaemonPolling", false);
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(service.Name))
            .WithTracing(t => t
                .SetSampler(quiet ? new ParentBasedSampler(new QuietDaemonSampler()) : new ParentBasedSampler(new AlwaysOnSampler()))
                .AddSource(OutboxTelemetry.Source.Name, "Marten", "MassTransit")
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddNpgsql())
            .WithMetrics(m => m
                .AddMeter(OutboxTelemetry.Meter.Name, "Marten", "MassTransit", "Npgsql")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation())
            .WithLogging(logging => { }, o => o.IncludeFormattedMessage = true);

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
        }

        return builder;
    }
}
