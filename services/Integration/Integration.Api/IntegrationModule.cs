using Integration.Api.AdverseEvents;
using Integration.Api.Courses;
using Integration.Api.Evaluation;
using Integration.Api.IntegrationSessions;
using Integration.Api.Messaging;
using Integration.Api.Outcomes;
using Integration.Api.Safety;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Protocol;

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
        builder.Services.AddSingleton(RuleIds.Statuses);
        builder.AddPlatform<IntegrationEventMap>(IntegrationService.Definition, o => IntegrationStore.Configure(o, protocol, clinic), IntegrationConsumers.Register);
        return builder;
    }

    public static WebApplication MapIntegration(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UsePlatform();
        app.MapCourseOutcomes();
        app.MapIntegrationSessions();
        app.MapOutcomes();
        app.MapAdverseEvents();
        app.MapSafety();
        app.MapEvaluation();
        return app;
    }
}
