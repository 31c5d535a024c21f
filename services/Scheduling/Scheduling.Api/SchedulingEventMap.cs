using JasperFx.Events;
using Platform.Messaging;
using Contracts = Platform.Contracts;

namespace Scheduling.Api;

/// <summary>The committed Scheduling events other services need, as versioned contracts.</summary>
public sealed class SchedulingEventMap : IIntegrationEventMap
{
    public IReadOnlyList<object> ToContracts(IEvent @event) => @event.Data switch {
        PreparationPhaseCompleted e => [new Contracts.PreparationCompleted(e.CourseId, e.TherapistId, e.SessionsHeld, e.CompletedAt)],
        DoseStarted e => [new Contracts.DosingStarted(e.CourseId, e.SessionId, e.StartedAt)],
        DosingSessionConcluded e => [new Contracts.DosingSessionCompleted(
            e.CourseId, e.SessionId, e.DosingNumber, e.Route, e.DoseMg, e.DoseStartedAt, e.DischargedAt,
            e.PreDose, e.AtFortyMinutes, e.AtDischarge, e.CadssScore, e.TherapistId, e.MedicalProfessionalId)],
        BookingCancelled e => [new Contracts.SessionCancelled(
            e.CourseId, e.SessionId, e.Kind, e.ScheduledStart, e.Reason, e.LateCancellation, e.CancelledAt)],
        PatientMarkedNoShow e => [new Contracts.PatientNoShow(e.CourseId, e.SessionId, e.Kind, e.ScheduledStart, e.RecordedAt)],
        TreatmentCourseClosed e => [new Contracts.CourseClosed(e.CourseId, e.Reason, e.ClosedAt)],
        _ => [],
    };
}
