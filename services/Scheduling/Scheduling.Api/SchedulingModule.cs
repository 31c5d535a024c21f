using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Protocol;
using Scheduling.Api.Courses;
using Scheduling.Api.Courses.Booking;
using Scheduling.Api.Domain;
using Scheduling.Api.Dosing;
using Scheduling.Api.Messaging;
using Scheduling.Api.ReadModels;
using Scheduling.Api.Resources;
using Scheduling.Api.Sessions;

namespace Scheduling.Api;

/// <summary>Everything the Scheduling service registers and maps, so Program.cs stays the same in every service.</summary>
public static class SchedulingModule
{
    public static WebApplicationBuilder AddScheduling(this WebApplicationBuilder builder)
    {
        var protocol = builder.Configuration.ReadProtocol(SchedulingProtocol.SectionName, SchedulingProtocol.Default) with {
            Clinic = builder.Configuration.ReadProtocol(ClinicalProtocol.SectionName, ClinicalProtocol.Default),
        };
        builder.Services.AddSingleton(protocol);
        builder.Services.AddSingleton(RuleIds.Statuses);
        builder.Services.AddSingleton<IStreamCommitHook, BookingLedger>();
        builder.AddPlatform<SchedulingEventMap>(
            SchedulingService.Definition, options => SchedulingStore.Configure(options, protocol), SchedulingConsumers.Register);
        return builder;
    }

    public static WebApplication MapScheduling(this WebApplication app)
    {
        app.UsePlatform();
        app.MapCourses();
        app.MapSessions();
        app.MapFreeSlots();
        app.MapDosing();
        app.MapStaffAndRooms();
        app.MapCalendars();
        return app;
    }
}
