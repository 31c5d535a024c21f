using Integration.Api;
using Integration.Api.AdverseEvents;
using Integration.Api.Courses;
using Integration.Api.Domain;
using Integration.Api.Evaluation;
using Integration.Api.IntegrationSessions;
using Integration.Api.Messaging;
using Integration.Api.Outcomes;
using Integration.Api.Safety;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

// Read first: the analyst projection is built with it, and a typo in a clinical threshold must stop the start-up.
var protocol = builder.Configuration.GetSection(OutcomeProtocol.SectionName).Get<OutcomeProtocol>() ?? OutcomeProtocol.Default;
var protocolErrors = protocol.Validate();
if (protocolErrors.Any)
{
    throw new InvalidOperationException(
        "OutcomeProtocol configuration is invalid: " + string.Join("; ", protocolErrors.ToDictionary().Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
}

builder.AddPlatform<IntegrationEventMap>(IntegrationService.Definition, o => IntegrationStore.Configure(o, protocol), IntegrationConsumers.Register);
builder.Services.AddSingleton(protocol);

var app = builder.Build();
app.UsePlatform();
app.MapCourseOutcomes();
app.MapIntegrationSessions();
app.MapOutcomes();
app.MapAdverseEvents();
app.MapSafety();
app.MapEvaluation();
app.Run();
