using JasperFx.Events.Projections;
using Marten;
using Platform.ServiceDefaults.Marten;
using Scheduling.Api.Domain;

namespace Scheduling.Api;

/// <summary>Scheduling's event types (pinned names: renaming a class never breaks a stream) and projections.</summary>
public static class SchedulingStore
{
    public static void Configure(StoreOptions options)
    {
        options.Events.MapEventType<CourseOpened>("course_opened");
        options.Events.MapEventType<TherapistMatched>("therapist_matched");
        options.Events.MapEventType<SessionBooked>("session_booked");
        options.Events.MapEventType<SessionRescheduled>("session_rescheduled");
        options.Events.MapEventType<BookingCancelled>("booking_cancelled");
        options.Events.MapEventType<PatientMarkedNoShow>("patient_marked_no_show");
        options.Events.MapEventType<SessionHeld>("session_held");
        options.Events.MapEventType<PreparationPhaseCompleted>("preparation_phase_completed");
        options.Events.MapEventType<CheckInRecorded>("check_in_recorded");
        options.Events.MapEventType<DoseHeld>("dose_held");
        options.Events.MapEventType<DoseStarted>("dose_started");
        options.Events.MapEventType<MonitoringVitalsRecorded>("monitoring_vitals_recorded");
        options.Events.MapEventType<CadssRecorded>("cadss_recorded");
        options.Events.MapEventType<PatientDischarged>("patient_discharged");
        options.Events.MapEventType<DosingSessionConcluded>("dosing_session_concluded");
        options.Events.MapEventType<RemsMonitoringRecorded>("rems_monitoring_recorded");
        options.Events.MapEventType<SafetyHoldApplied>("safety_hold_applied");
        options.Events.MapEventType<SafetyHoldLifted>("safety_hold_lifted");
        options.Events.MapEventType<TreatmentCourseClosed>("treatment_course_closed");

        options.Projections.Add(new EvolvingProjection<TreatmentCourse>(TreatmentCourse.Evolve), ProjectionLifecycle.Inline);
    }
}
