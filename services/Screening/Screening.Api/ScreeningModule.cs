using JasperFx.Events.Projections;
using MassTransit;
using Microsoft.AspNetCore.Http.Json;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Analytics;
using Platform.ServiceDefaults.Marten;
using Platform.ServiceDefaults.Protocol;
using Screening.Api.Queries.AnalystDecisions;
using Screening.Api.Queries.PatientHistory;
using Screening.Api.Queries.ReviewQueue;
using Screening.Api.Queries.ScreeningViews;

namespace Screening.Api;

/// <summary>Everything the Screening service registers: protocol, rule statuses, event store, consumers, endpoints.</summary>
public static class ScreeningModule
{
    /// <summary>The service's identity in the shared defaults: schema "screening" and its own daemon lock.</summary>
    public static readonly PlatformService Service = new("screening", DaemonLockId: 4_101);

    public static WebApplicationBuilder AddScreening(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var pseudonyms = builder.AddAnalystPseudonyms();
        builder.AddPlatform<ScreeningEventMap>(Service, o => ConfigureStore(o, pseudonyms), bus =>
        {
            bus.AddConsumer<RequireReScreeningOnSafetyHold>();
            bus.AddConsumer<RecordReScreeningWaiverOnRelease>();
            bus.AddConsumer<ApplySafetyHoldsOnApproval>();
        });
        builder.AddReportingRowSecurity(ScreeningDecisionsTable.QualifiedName);
        builder.AddProtocol(ScreeningProtocol.SectionName, ScreeningProtocol.Default);
        builder.Services.AddSingleton(new RuleStatuses(RuleIds.Statuses));

        // Every field of a clinical form must be sent (null where the field allows it): a missing "pregnant" or
        // "psychosisSelf" must be a 400 naming the field, never silently read as false.
        builder.Services.ConfigureHttpJsonOptions((JsonOptions o) => o.SerializerOptions.RespectRequiredConstructorParameters = true);
        return builder;
    }

    public static WebApplication MapScreening(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UsePlatform();
        var screenings = app.MapGroup("/screenings");
        ReferScreening.Map(screenings);
        RecordMedicalHistory.Map(screenings);
        RecordPsychiatricHistory.Map(screenings);
        RecordMedications.Map(screenings);
        RecordPriorTreatments.Map(screenings);
        RecordVitals.Map(screenings);
        AdministerInstrument.Map(screenings);
        ReEvaluateEligibility.Map(screenings);
        ApproveScreening.Map(screenings);
        DeclineScreening.Map(screenings);
        screenings.MapScreeningQueries();
        app.MapPatientHistory()
            .MapReviewQueue()
            .MapReporting();
        return app;
    }

    /// <summary>Screening's event types (pinned names: renaming a class never breaks a stream) and projections.</summary>
    public static void ConfigureStore(StoreOptions options, AnalystPseudonyms pseudonyms)
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

        // Written by every consumer that touches a course's holds (and by the approval's), so two of them racing on
        // one course conflict and one retries instead of a hold being parked unseen.
        options.Schema.For<SafetyHoldInbox>().UseOptimisticConcurrency(true);

        // Inline: the write model and the prescriber's queue must read back what a request just recorded.
        options.Projections.Add(new EvolvingProjection<ScreeningCase>(ScreeningCase.Evolve), ProjectionLifecycle.Inline);
        options.Projections.Add(new EvolvingProjection<ReviewQueueItem>(ReviewQueueEvolution.Evolve), ProjectionLifecycle.Inline);
        options.Schema.For<ScreeningCase>().Index(x => x.PatientId);
        options.Schema.For<ReviewQueueItem>().Index(x => x.ReferredAt);

        // Async: analysts read a de-identified table that may lag the event store by a moment.
        options.Storage.ExtendedSchemaObjects.Add(ScreeningDecisionsTable.Definition());
        options.Projections.Add(new ScreeningDecisionsProjection(pseudonyms), ProjectionLifecycle.Async);
    }
}
