using Screening.Api;

var builder = WebApplication.CreateBuilder(args);
builder.AddScreening();
var app = builder.Build();
app.MapScreening();
app.Run();
