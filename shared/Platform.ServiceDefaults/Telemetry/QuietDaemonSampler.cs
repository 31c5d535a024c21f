using OpenTelemetry.Trace;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>
/// Drops the traces of the projection daemon's own polling: its high-water-mark probe runs every few hundred
/// milliseconds on every node and flooded the dashboard's trace list (1,498 traces in 4 idle minutes) until an
/// operator could not find a request. What the daemon does with events (projections, the outbox relay) is still traced.
/// Everything else is sampled as before; "Telemetry:TraceDaemonPolling" = true brings the polling back for diagnosis.
/// Used as the root of a parent-based sampler, so the SQL spans under a dropped poll go with it.
/// </summary>
public sealed class QuietDaemonSampler : Sampler
{
    /// <summary>The root span of the daemon's polling loop: "marten.daemon.highwatermark", or "marten.{database}.daemon.highwatermark" with a database per tenant group.</summary>
    public const string PollingSpan = "daemon.highwatermark";

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        IsPolling(samplingParameters.Name) ? new SamplingResult(SamplingDecision.Drop) : new SamplingResult(SamplingDecision.RecordAndSample);

    public static bool IsPolling(string spanName) =>
        spanName.StartsWith("marten.", StringComparison.Ordinal) && spanName.EndsWith(PollingSpan, StringComparison.Ordinal);
}
