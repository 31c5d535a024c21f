using Screening.Api;
using Screening.Api.Domain;
using Screening.Api.Messaging;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatform<ScreeningEventMap>(ScreeningService.Definition, ScreeningStore.Configure, ScreeningConsumers.Register);
builder.Services.AddSingleton(builder.Configuration.GetSection(ClinicProtocol.SectionName).Get<ClinicProtocol>() ?? ClinicProtocol.Default);
builder.Services.AddScreeningJson();

var app = builder.Build();
app.UsePlatform();
app.MapScreeningEndpoints();
app.Run();
