using System.Diagnostics.Metrics;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>The platform's own metrics (meter "Platform"), next to its spans.</summary>
public static class OutboxMetrics
{
    public static readonly Meter Meter = new("Platform");

    /// <summary>Each committed event the relay parked because it could not be mapped or serialised: page someone.</summary>
    public static readonly Counter<long> Parked = Meter.CreateCounter<long>(
        "platform.outbox.events.parked", unit: "{event}", description: "Committed events the outbox relay parked instead of publishing");
}
