namespace Platform.ServiceDefaults;

/// <summary>The whole start-up of a service: its module registers everything, then maps everything, then it runs.</summary>
public static class ServiceProgram
{
    public static void Run(string[] args, Action<WebApplicationBuilder> register, Action<WebApplication> map)
    {
        ArgumentNullException.ThrowIfNull(register);
        ArgumentNullException.ThrowIfNull(map);
        var builder = WebApplication.CreateBuilder(args);
        register(builder);
        var app = builder.Build();
        map(app);
        app.Run();
    }
}
