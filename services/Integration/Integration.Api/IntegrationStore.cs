using JasperFx.Events.Projections;
using Platform.Messaging;
using Platform.ServiceDefaults.Analytics;
using Platform.ServiceDefaults.Marten;

namespace Integration.Api;

/// <summary>Integration's event types (pinned names: renaming a class never breaks a stream), documents, tables and projections.</summary>
public static class IntegrationStore
{
    public static void Configure(StoreOptions options, IntegrationProtocol protocol, AnalystPseudonyms pseudonyms)
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

        // The active-holds list (unreleased, oldest first, per clinic) reads this partial index, not every hold.
        options.Schema.For<SafetyHoldView>().Index(h => h.PlacedAt, index =>
        {
            index.Name = "mt_doc_safetyholdview_idx_active";
            index.Predicate = "(data ->> 'ReleasedAt') is null";
            index.TenancyScope = Marten.Schema.Indexing.Unique.TenancyScope.PerTenant;
        });
        // The overdue list: one clinic's dosing sessions still awaiting integration, earliest discharge first; the
        // audit view (?includeLate) reads every follow-up of the clinic's open courses.
        options.Schema.For<IntegrationDue>().Index(d => d.DischargedAt, index =>
        {
            index.Name = "mt_doc_integrationdue_idx_awaiting";
            // As PostgreSQL prints it back: Marten compares its definition with the database's text, and any other
            // spelling reads as a change (the index rebuilt at every start; a node that migrates explicitly refusing to start).
            index.Predicate = "((data ->> 'Awaiting'::text))::boolean = true";
            index.TenancyScope = Marten.Schema.Indexing.Unique.TenancyScope.PerTenant;
        });
        options.Schema.For<IntegrationDue>().Index(d => d.DischargedAt, index =>
        {
            index.Name = "mt_doc_integrationdue_idx_open_course";
            index.Predicate = "((data ->> 'CourseOpen'::text))::boolean = true";
            index.TenancyScope = Marten.Schema.Indexing.Unique.TenancyScope.PerTenant;
        });
        options.Schema.For<EarlyMessage>().DocumentAlias("early_message").Index(m => m.StreamKey);

        options.Projections.Add(new EvolvingProjection<CourseOutcome>(CourseOutcome.Evolve), ProjectionLifecycle.Inline);
        options.Projections.Add(new AdverseEventRegisterProjection(), ProjectionLifecycle.Inline);
        options.Projections.Add(new SafetyHoldProjection(), ProjectionLifecycle.Inline);

        // Analyst tables are not read by requests, so they are kept by the daemon off the write path.
        options.Projections.Add(new AnalystTablesProjection(protocol, pseudonyms), ProjectionLifecycle.Async, AnalystTablesProjection.Name);
        AnalystTable.Register(options, AnalystTables.All);
        options.Projections.Add(new IntegrationDueProjection(), ProjectionLifecycle.Async);
    }
}
