using Platform.ServiceDefaults.Marten;

namespace Platform.ServiceDefaults;

/// <summary>
/// The whole start-up of a service: its module registers everything, then maps everything, then it runs. Started as
/// <c>&lt;service&gt; migrate [--dry-run]</c> it builds the same service and only migrates its database schema
/// (<see cref="SchemaMigrations"/>), so the command reads exactly the configuration the service will run with.
/// </summary>
public static class ServiceProgram
{
    public static void Run(string[] args, Action<WebApplicationBuilder> register, Action<WebApplication> map)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(register);
        ArgumentNullException.ThrowIfNull(map);
        var migrate = args is [SchemaMigrations.Command, ..];
        var dryRun = migrate && args.Contains(SchemaMigrations.DryRun);
        // The command's words are not configuration keys.
        var builder = WebApplication.CreateBuilder(migrate ? [.. args.Skip(1).Where(a => a != SchemaMigrations.DryRun)] : args);
        register(builder);
        var app = builder.Build();
        if (migrate)
        {
            Environment.ExitCode = SchemaMigrations.RunAsync(app.Services, dryRun, Console.Out, CancellationToken.None).GetAwaiter().GetResult();
            return;
        }

        map(app);
        app.Run();
    }
}
