using Platform.Fhir;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Analytics;
using Platform.ServiceDefaults.Marten;
using Scheduling.Api.Fhir;

namespace Scheduling.Api;

/// <summary>Everything the Scheduling service registers and maps, so Program.cs stays the same in every service.</summary>
public static class SchedulingModule
{
    public static WebApplicationBuilder AddScheduling(this WebApplicationBuilder builder)
    {
        var protocol = builder.AddServiceProtocol(SchedulingProtocol.SectionName, SchedulingProtocol.Default);
        var pseudonyms = builder.AddAnalystPseudonyms();
        builder.Services.AddSingleton(new RuleStatuses(RuleIds.Statuses));
        builder.Services.AddSingleton<IStreamCommitHook, BookingLedger>();
        builder.Services.AddFhir();
        builder.AddPlatform<SchedulingEventMap>(
            SchedulingService.Definition, options => SchedulingStore.Configure(options, protocol, pseudonyms), SchedulingConsumers.Register);
        builder.AddReportingRowSecurity(AnalystTables.All);
        builder.AddEarlyMessageUpgrade(EarlyCourseMessages.OldTable, EarlyCourseMessages.FromOldDocument);
        return builder;
    }

    public static WebApplication MapScheduling(this WebApplication app)
    {
        app.UsePlatform();

        var course = app.MapGroup("/courses/{courseId:guid}");
        MatchTherapist.Map(course);
        BookSession.Map(course);
        RescheduleSession.Map(course);
        CancelSession.Map(course);
        MarkNoShow.Map(course);
        MarkSessionHeld.Map(course);
        RecordCheckIn.Map(course);
        StartDose.Map(course);
        RecordMonitoringVitals.Map(course);
        RecordCadss.Map(course);
        DischargePatient.Map(course);
        RecordRemsMonitoring.Map(course);
        CloseCourse.Map(course);

        CourseEndpoints.Map(app);
        app.MapFreeSlots();
        RegisterStaff.Map(app);
        UpdateStaff.Map(app);
        AddRoom.Map(app);
        UpdateRoom.Map(app);
        SetAvailability.Map(app);
        ResourceEndpoints.Map(app);
        app.MapCalendars();
        app.MapSchedulingFhir();
        return app;
    }
}
