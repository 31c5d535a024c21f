using System.Diagnostics;

namespace Platform.Testing;

/// <summary>
/// The operator's <c>&lt;service&gt; migrate [--dry-run]</c>, run as its own process on the service's assembly next to
/// the tests (the same build the test hosts run), against a test database.
/// </summary>
public static class MigrateCommand
{
    /// <param name="service">"Screening", "Scheduling" or "Integration".</param>
    public static async Task<(int ExitCode, string Output)> RunAsync(string service, string database, bool dryRun = false)
    {
        var (_, rabbitMq) = await TestInfrastructure.ServersAsync();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, $"{service}.Api.dll"));
        start.ArgumentList.Add("migrate");
        if (dryRun)
        {
            start.ArgumentList.Add("--dry-run");
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["ConnectionStrings__Postgres"] = database;
        start.Environment["ConnectionStrings__RabbitMq"] = rabbitMq;
        start.Environment["Auth__SigningKey"] = ServiceHost<object>.SigningKey;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    /// <summary>Migrates <paramref name="database"/> and checks that nothing is left to change.</summary>
    public static async Task ApplyAsync(string service, string database)
    {
        var (code, output) = await RunAsync(service, database);
        Assert.True(code == 0, $"{service} migrate failed ({code}): {output}");
        (code, output) = await RunAsync(service, database, dryRun: true);
        Assert.True(code == 0 && output.Contains("Marten's objects match this release", StringComparison.Ordinal), $"{service} after migrate: {output}");
    }
}
