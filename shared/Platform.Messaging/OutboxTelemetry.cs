using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Platform.Messaging;

/// <summary>
/// The platform's own spans (source "Platform": the outbox relay) and metrics (meter "Platform"); the service defaults
/// export both.
/// </summary>
public static class OutboxTelemetry
{
    public static readonly ActivitySource Source = new("Platform");

    public static readonly Meter Meter = new("Platform");

    /// <summary>Each committed event the relay parked because it could not be mapped or serialised: page someone.</summary>
    public static readonly Counter<long> Parked = Meter.CreateCounter<long>(
        "platform.outbox.events.parked", unit: "{event}", description: "Committed events the outbox relay parked instead of publishing");

    private static double lagSeconds;
    private static long parkedNow;
    private static long errorQueueMessages;

    // What readiness last saw, as gauges: alerting needs no extra queries against the database or the broker.
    private static readonly ObservableGauge<double> Lag = Meter.CreateObservableGauge(
        "platform.outbox.relay.lag", () => Volatile.Read(ref lagSeconds), unit: "s",
        description: "Age of the oldest event the outbox relay has not published, at the last readiness check");

    private static readonly ObservableGauge<long> ParkedNow = Meter.CreateObservableGauge(
        "platform.outbox.events.parked.current", () => Volatile.Read(ref parkedNow), unit: "{event}",
        description: "Events parked at the last readiness check");

    private static readonly ObservableGauge<long> ErrorQueueMessages = Meter.CreateObservableGauge(
        "platform.messaging.error_queue.messages", () => Volatile.Read(ref errorQueueMessages), unit: "{message}",
        description: "Messages in the service's _error queues at the last readiness check");

    public static void RecordOutbox(double lag, long parked)
    {
        Volatile.Write(ref lagSeconds, lag);
        Volatile.Write(ref parkedNow, parked);
    }

    public static void RecordErrorQueues(long messages) => Volatile.Write(ref errorQueueMessages, messages);
}
