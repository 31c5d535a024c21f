using Integration.Api;

var builder = WebApplication.CreateBuilder(args);
builder.AddIntegration();

var app = builder.Build();
app.MapIntegration();
app.Run();
