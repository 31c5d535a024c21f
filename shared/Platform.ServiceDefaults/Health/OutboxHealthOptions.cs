namespace Platform.ServiceDefaults.Health;

/// <summary>The readiness bound of the outbox (section "Outbox", next to <c>Outbox:Delivery</c>).</summary>
public sealed class OutboxHealthOptions
{
    public const string SectionName = "Outbox";

    /// <summary>How old the oldest unpublished event may get before the node reports Degraded.</summary>
    public int MaxLagSeconds { get; set; } = 60;
}
