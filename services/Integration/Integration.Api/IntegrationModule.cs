using JasperFx.Events.Projections;
using MassTransit;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Analytics;
using Platform.ServiceDefaults.Marten;

namespace Integration.Api;

/// <summary>Everything the Integration service registers and maps, in one place.</summary>
public static class IntegrationModule
{
    public static WebApplicationBuilder AddIntegration(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Bound and validated first: the analyst projection is built with it, and a typo in a threshold stops the start-up.
        var protocol = builder.AddProtocol(IntegrationProtocol.SectionName, IntegrationProtocol.Default);

        // The shared "Clinic" section is validated and registered by AddPlatform; the analyst projection needs its zone now.
        var clinic = builder.Configuration.GetSection(ClinicalProtocol.SectionName).Get<ClinicalProtocol>() ?? ClinicalProtocol.Default;
        var pseudonyms = builder.AddAnalystPseudonyms();
        builder.Services.AddSingleton(new RuleStatuses(RuleIds.Statuses));
        builder.AddPlatform<IntegrationEventMap>(IntegrationService.Definition, o => ConfigureMarten(o, protocol, clinic, pseudonyms), AddConsumers);
        builder.AddReportingRowSecurity([.. AnalystTables.All.Select(t => t.QualifiedName)]);
        return builder;
    }

    public static WebApplication MapIntegration(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UsePlatform();

        var course = app.MapGroup("/courses/{courseId:guid}");
        SetIntentions.Map(course);
        HoldIntegrationSession.Map(course);
        RecordOutcome.Map(course);
        RecordAdverseEvent.Map(course);
        GradeAdverseEvent.Map(course);
        ReportPregnancy.Map(course);
        ReleaseSafetyHold.Map(course);
        EvaluateCourse.Map(course);

        CourseSummaryEndpoints.Map(app);
        CourseNotesEndpoint.Map(app);
        AdverseEventRegisterEndpoint.Map(app);
        ActiveSafetyHoldsEndpoint.Map(app);
        OverdueIntegrationEndpoint.Map(app);
        return app;
    }

    private static void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<OpenOutcomeRecordOnApproval>();
        bus.AddConsumer<RecordDosingSessionOnCompletion>();
        bus.AddConsumer<RecordDosingStartOnStart>();
    }

    /// <summary>Event types under pinned names (renaming a class never breaks a stream) and the projections.</summary>
    private static void ConfigureMarten(StoreOptions options, IntegrationProtocol protocol, ClinicalProtocol clinic, AnalystPseudonyms pseudonyms)
    {
        options.Events.MapEventType<CourseOutcomeOpened>("course_outcome_opened");
        options.Events.MapEventType<DosingSessionRecorded>("dosing_session_recorded");
        options.Events.MapEventType<DosingSessionStarted>("dosing_session_started");
        options.Events.MapEventType<IntentionsSet>("intentions_set");
        options.Events.MapEventType<IntegrationSessionHeld>("integration_session_held");
        options.Events.MapEventType<OutcomeMeasured>("outcome_measured");
        options.Events.MapEventType<WorseningReviewFlagRaised>("worsening_review_flag_raised");
        options.Events.MapEventType<AdverseEventRecorded>("adverse_event_recorded");
        options.Events.MapEventType<AdverseEventGraded>("adverse_event_graded");
        options.Events.MapEventType<PregnancyReported>("pregnancy_reported");
        options.Events.MapEventType<HoldPlaced>("hold_placed");
        options.Events.MapEventType<HoldTriggerAdded>("hold_trigger_added");
        options.Events.MapEventType<HoldReleased>("hold_released");
        options.Events.MapEventType<CourseEvaluated>("course_evaluated");
        options.Events.MapEventType<CourseOutcomeCompleted>("course_outcome_completed");

        options.Schema.For<EarlyDosingSession>().DocumentAlias("early_dosing_session").Index(d => d.CourseId);

        options.Projections.Add(new EvolvingProjection<CourseOutcome>(CourseOutcome.Evolve), ProjectionLifecycle.Inline);
        options.Projections.Add(new AdverseEventRegisterProjection(), ProjectionLifecycle.Inline);
        options.Projections.Add(new SafetyHoldProjection(), ProjectionLifecycle.Inline);

        // Analyst tables are not read by requests, so they are kept by the daemon off the write path.
        options.Projections.Add(new AnalystTablesProjection(protocol, clinic, pseudonyms), ProjectionLifecycle.Async, AnalystTablesProjection.Name);
        foreach (var table in AnalystTables.All)
        {
            options.Storage.ExtendedSchemaObjects.Add(table.ToWeaselTable());
        }
    }
}
