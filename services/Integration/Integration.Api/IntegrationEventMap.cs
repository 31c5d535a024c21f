using JasperFx.Events;
using Platform.Messaging;
using Contracts = Platform.Contracts;

namespace Integration.Api;

/// <summary>
/// The committed Integration events other services need, as versioned contracts. Only codes and ids cross: the
/// justification and other clinical text stay here.
/// </summary>
public sealed class IntegrationEventMap : IIntegrationEventMap
{
    public IReadOnlyList<object> ToContracts(IEvent @event) => @event.Data switch {
        HoldPlaced e => [new Contracts.SafetyHoldPlaced(e.CourseId, e.PatientId, e.HoldId, e.Trigger, e.Reason, e.PlacedAt)],
        HoldReleased e => [new Contracts.SafetyHoldReleased(
            e.CourseId, e.PatientId, e.HoldId, e.ReleasedAt, e.ReScreeningNotNeeded, e.ReScreeningWaiverReason, e.PrescriberId)],
        CourseOutcomeCompleted e => [new Contracts.CourseCompleted(e.CourseId, e.PatientId, e.Response, e.Recommendation, e.CompletedAt, e.ProtocolVersion)],
        _ => [],
    };
}
