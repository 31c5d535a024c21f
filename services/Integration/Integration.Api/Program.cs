using Integration.Api;
using Integration.Api.Courses;
using Integration.Api.Domain;
using Integration.Api.Messaging;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatform<IntegrationEventMap>(IntegrationService.Definition, IntegrationStore.Configure, IntegrationConsumers.Register);
builder.Services.AddSingleton(builder.Configuration.GetSection("OutcomeProtocol").Get<OutcomeProtocol>() ?? OutcomeProtocol.Default);

var app = builder.Build();
app.UsePlatform();
app.MapCourseOutcomes();
app.Run();
