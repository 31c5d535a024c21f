using Platform.ServiceDefaults;
using Scheduling.Api;
using Scheduling.Api.Courses;
using Scheduling.Api.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatform<SchedulingEventMap>(SchedulingService.Definition, SchedulingStore.Configure, SchedulingConsumers.Register);
builder.Services.AddSingleton(builder.Configuration.GetSection("SchedulingProtocol").Get<Scheduling.Api.Domain.SchedulingProtocol>()
    ?? Scheduling.Api.Domain.SchedulingProtocol.Default);

var app = builder.Build();
app.UsePlatform();
app.MapCourses();
app.Run();
