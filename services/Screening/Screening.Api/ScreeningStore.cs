using JasperFx.Events.Projections;
using Marten;
using Platform.ServiceDefaults.Marten;
using Screening.Api.Domain;
using Screening.Api.Domain.Events;
using Screening.Api.Reporting;
using Screening.Api.ReviewQueue;

namespace Screening.Api;

/// <summary>Screening's event types (pinned names: renaming a class never breaks a stream) and projections.</summary>
public static class ScreeningStore
{
    public static void Configure(StoreOptions options)
    {
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

        // Inline: the write model and the prescriber's queue must read back what a request just recorded.
        options.Projections.Add(new EvolvingProjection<ScreeningCase>(ScreeningEvolution.Evolve), ProjectionLifecycle.Inline);
        options.Projections.Add(new EvolvingProjection<ReviewQueueItem>(ReviewQueueEvolution.Evolve), ProjectionLifecycle.Inline);
        options.Schema.For<ScreeningCase>().Index(x => x.PatientId);
        options.Schema.For<ReviewQueueItem>().Index(x => x.ReferredAt);

        // Async: analysts read a de-identified table that may lag the event store by a moment.
        options.Storage.ExtendedSchemaObjects.Add(ScreeningDecisionsTable.Definition());
        options.Projections.Add(new ScreeningDecisionsProjection(), ProjectionLifecycle.Async);
    }
}
