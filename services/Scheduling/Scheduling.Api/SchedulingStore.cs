using JasperFx.Events.Projections;
using Platform.Messaging;
using Platform.ServiceDefaults.Analytics;
using Platform.ServiceDefaults.Marten;

namespace Scheduling.Api;

/// <summary>Scheduling's event types (pinned names: renaming a class never breaks a stream), documents, tables and projections.</summary>
public static class SchedulingStore
{
    public static void Configure(StoreOptions options, SchedulingProtocol protocol, AnalystPseudonyms pseudonyms)
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

        options.Schema.For<StaffMember>().DocumentAlias("staff_member");
        options.Schema.For<Room>().DocumentAlias("room");
        options.Schema.For<ResourceSchedule>().DocumentAlias("resource_schedule");
        // Registered, not left to Marten to find at first use: a service that migrates explicitly never creates a table then.
        options.Schema.For<ResourceChange>();
        options.Schema.For<EarlyMessage>().DocumentAlias("early_message").Index(m => m.StreamKey);
        options.Schema.For<ScheduledSession>().DocumentAlias("scheduled_session")
            // Per clinic, so the day board and the calendars read one clinic's range of the index, not every clinic's.
            .Index(s => s.Start, index => index.TenancyScope = Marten.Schema.Indexing.Unique.TenancyScope.PerTenant)
            .Index(s => s.TherapistId).Index(s => s.MedicalProfessionalId!)
            // The REMS work list: monitoring due and not recorded, soonest first.
            .Index(s => s.RemsMonitoringDueAt!, index =>
            {
                index.Name = "mt_doc_scheduled_session_idx_rems_due";
                index.Predicate = "(data ->> 'RemsMonitoringRecordedAt') is null";
                index.TenancyScope = Marten.Schema.Indexing.Unique.TenancyScope.PerTenant;
            });

        options.Storage.ExtendedSchemaObjects.Add(ResourceBookingsTable.SchemaObject(SchedulingService.Definition.Schema));
        AnalystTable.Register(options, AnalystTables.All);
        options.Storage.ExtendedSchemaObjects.Add(AnalystTables.Utilisation);

        options.Projections.Add(new EvolvingProjection<TreatmentCourse>(TreatmentCourse.Evolve), ProjectionLifecycle.Inline);
        options.Projections.Add(new ScheduledSessionProjection(), ProjectionLifecycle.Inline);
        options.Projections.Add(ReportingProjection.Source(protocol, pseudonyms), ProjectionLifecycle.Async);
    }
}
