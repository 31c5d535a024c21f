using JasperFx.Events.Projections;
using Platform.Messaging;
using Platform.ServiceDefaults.Analytics;
using Platform.ServiceDefaults.Marten;
using Screening.Api.Queries;

namespace Screening.Api;

/// <summary>Screening's event types (pinned names: renaming a class never breaks a stream), documents, tables and projections.</summary>
public static class ScreeningStore
{
    public static void Configure(StoreOptions options, AnalystPseudonyms pseudonyms)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Events.MapEventType<ScreeningReferred>("screening_referred");
        options.Events.MapEventType<MedicalHistoryRecorded>("medical_history_recorded");
        options.Events.MapEventType<PsychiatricHistoryRecorded>("psychiatric_history_recorded");
        options.Events.MapEventType<MedicationsRecorded>("medications_recorded");
        options.Events.MapEventType<PriorTreatmentsRecorded>("prior_treatments_recorded");
        options.Events.MapEventType<VitalsRecorded>("vitals_recorded");
        options.Events.MapEventType<InstrumentAdministered>("instrument_administered");
        options.Events.MapEventType<EligibilityEvaluated>("eligibility_evaluated");
        options.Events.MapEventType<ScreeningApproved>("screening_approved");
        options.Events.MapEventType<ScreeningDeclined>("screening_declined");
        options.Events.MapEventType<ReScreeningRequired>("re_screening_required");
        options.Events.MapEventType<ReScreeningWaived>("re_screening_waived");
        options.Events.MapEventType<RecordAmended>("record_amended");
        options.Events.MapEventType<AmendmentRefused>("amendment_refused");

        // Safety holds and releases kept until the approval of their course (written under the course's lock).
        options.Schema.For<EarlyMessage>().DocumentAlias("early_message").Index(m => m.StreamKey);

        // Inline: the write model and the prescriber's queue must read back what a request just recorded.
        options.Projections.Add(new EvolvingProjection<ScreeningCase>(ScreeningCase.Evolve), ProjectionLifecycle.Inline);
        options.Projections.Add(new EvolvingProjection<ReviewQueueItem>(ReviewQueueEvolution.Evolve), ProjectionLifecycle.Inline);
        options.Projections.Add(new AmendmentLogProjection(), ProjectionLifecycle.Inline);
        options.Schema.For<AmendmentLogEntry>().Index(x => x.PatientId);
        options.Schema.For<ScreeningCase>().Index(x => x.PatientId)
            // Every safety-hold message looks up the screening whose approval opened its course.
            .Index(x => x.Approval!.CourseId, index => index.Name = "mt_doc_screeningcase_idx_approval_course");
        // The prescriber's queue: one clinic's open items, oldest referral first.
        options.Schema.For<ReviewQueueItem>().Index(x => x.ReferredAt, index =>
        {
            index.Name = "mt_doc_reviewqueueitem_idx_in_queue";
            // As PostgreSQL prints it back: Marten compares its definition with the database's text, and any other
            // spelling reads as a change (the index rebuilt at every start; a node that migrates explicitly refusing to start).
            index.Predicate = "((data ->> 'InQueue'::text))::boolean = true";
            index.TenancyScope = Marten.Schema.Indexing.Unique.TenancyScope.PerTenant;
        });

        // Async: analysts read a de-identified table that may lag the event store by a moment.
        AnalystTable.Register(options, AnalystTables.All);
        options.Projections.Add(ScreeningDecisionsProjection.Source(pseudonyms), ProjectionLifecycle.Async);
    }
}
