using Integration.Api.Fhir;
using Platform.Fhir;
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
        var protocol = builder.AddServiceProtocol(IntegrationProtocol.SectionName, IntegrationProtocol.Default);
        var pseudonyms = builder.AddAnalystPseudonyms();
        builder.Services.AddSingleton(new RuleStatuses(RuleIds.Statuses));
        builder.Services.AddFhir();
        builder.AddPlatform<IntegrationEventMap>(IntegrationService.Definition, o => IntegrationStore.Configure(o, protocol, pseudonyms), IntegrationConsumers.Register);
        builder.AddReportingRowSecurity(AnalystTables.All);
        builder.AddEarlyMessageUpgrade(EarlyOutcomeMessages.OldTable, EarlyOutcomeMessages.FromOldDocument);
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
        app.MapIntegrationFhir();
        return app;
    }
}
