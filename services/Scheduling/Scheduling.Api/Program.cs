using Scheduling.Api;

var builder = WebApplication.CreateBuilder(args);
builder.AddScheduling();
var app = builder.Build();
app.MapScheduling();
app.Run();
