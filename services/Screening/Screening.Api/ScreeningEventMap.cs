using JasperFx.Events;
using Platform.Messaging;
using Contracts = Platform.Contracts;

namespace Screening.Api;

/// <summary>
/// The committed Screening events other services need, as versioned contracts. The patient is known by id only:
/// no name, birth date, contact or item answers leave this service.
/// </summary>
public sealed class ScreeningEventMap : IIntegrationEventMap
{
    public object? ToContract(IEvent @event) => @event.Data switch {
        ScreeningApproved e => new Contracts.PatientApprovedForTreatment(
            e.CourseId,
            e.PatientId,
            e.ScreeningId,
            e.Indication,
            e.Route,
            e.Conditions,
            e.BaselineScores,
            e.WeightKg,
            e.ApprovedAt,
            e.ValidUntil,
            e.ProtocolVersion),
        ScreeningDeclined e => new Contracts.ScreeningDeclined(
            e.ScreeningId,
            e.PatientId,
            e.Reason,
            e.RuleIds,
            e.DeclinedAt,
            e.ProtocolVersion),
        _ => null,
    };
}
