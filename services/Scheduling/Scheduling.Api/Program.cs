using Platform.ServiceDefaults;
using Scheduling.Api;
using Scheduling.Api.Courses;
using Scheduling.Api.Domain;
using Scheduling.Api.Dosing;
using Scheduling.Api.Messaging;
using Scheduling.Api.ReadModels;
using Scheduling.Api.Resources;
using Scheduling.Api.Sessions;

var builder = WebApplication.CreateBuilder(args);
var protocol = builder.Configuration.GetSection(SchedulingProtocol.SectionName).Get<SchedulingProtocol>() ?? SchedulingProtocol.Default;
builder.Services.AddSingleton(protocol);
builder.AddPlatform<SchedulingEventMap>(
    SchedulingService.Definition, options => SchedulingStore.Configure(options, protocol), SchedulingConsumers.Register);

var app = builder.Build();
app.UsePlatform();
app.MapCourses();
app.MapSessions();
app.MapFreeSlots();
app.MapDosing();
app.MapStaffAndRooms();
app.MapCalendars();
app.Run();
