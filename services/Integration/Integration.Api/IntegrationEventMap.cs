using JasperFx.Events;
using Platform.ServiceDefaults.Outbox;

namespace Integration.Api;

/// <summary>The committed Integration events other services need, as versioned contracts.</summary>
public sealed class IntegrationEventMap : IIntegrationEventMap
{
    public object? ToContract(IEvent @event) => ContractMapping.ToContractOrNull(@event.Data);
}

/// <summary>
/// Domain events to the published contracts, for the relay. Only codes and ids cross: the justification stays here.
/// </summary>
public static class ContractMapping
{
    public static SafetyHoldPlaced ToContract(this HoldPlaced e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new SafetyHoldPlaced(e.CourseId, e.PatientId, e.HoldId, e.Trigger, e.Reason, e.PlacedAt);
    }

    public static SafetyHoldReleased ToContract(this HoldReleased e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new SafetyHoldReleased(
            e.CourseId, e.PatientId, e.HoldId, e.ReleasedAt, e.ReScreeningNotNeeded, e.ReScreeningWaiverReason, e.PrescriberId);
    }

    public static CourseCompleted ToContract(this CourseOutcomeCompleted e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new CourseCompleted(e.CourseId, e.PatientId, e.Response, e.Recommendation, e.CompletedAt, e.ProtocolVersion);
    }

    /// <summary>The contract message for a domain event, or null for events that stay inside the service.</summary>
    public static object? ToContractOrNull(object domainEvent) => domainEvent switch {
        HoldPlaced e => e.ToContract(),
        HoldReleased e => e.ToContract(),
        CourseOutcomeCompleted e => e.ToContract(),
        _ => null,
    };
}
