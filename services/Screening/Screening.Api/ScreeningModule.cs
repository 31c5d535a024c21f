using Microsoft.AspNetCore.Http.Json;
using Platform.Commands;
using Platform.Fhir;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Analytics;
using Platform.ServiceDefaults.Marten;
using Screening.Api.Fhir;
using Screening.Api.Queries;

namespace Screening.Api;

/// <summary>Everything the Screening service registers: protocol, rule statuses, event store, consumers, endpoints.</summary>
public static class ScreeningModule
{
    public static WebApplicationBuilder AddScreening(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var pseudonyms = builder.AddAnalystPseudonyms();
        // Read now, so an unknown setting stops the service at start-up rather than at its first approval.
        builder.Services.AddSingleton(ScreeningEventMap.ApprovalVersions(builder.Configuration));
        builder.AddPlatform<ScreeningEventMap>(ScreeningService.Definition, o => ScreeningStore.Configure(o, pseudonyms), ScreeningConsumers.Register);
        builder.AddReportingRowSecurity(AnalystTables.All);
        builder.AddEarlyMessageUpgrade(ReScreeningMessages.OldTable, ReScreeningMessages.FromOldDocument);
        builder.AddServiceProtocol(ScreeningProtocol.SectionName, ScreeningProtocol.Default);
        builder.Services.AddSingleton(new RuleStatuses(RuleIds.Statuses));
        builder.Services.AddFhir();

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
            .MapReporting()
            .MapScreeningFhir()
            .MapPrivacy();
        return app;
    }
}
