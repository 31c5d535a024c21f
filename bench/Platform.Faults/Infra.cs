namespace Platform.Faults;

/// <summary>
/// The suite's private PostgreSQL and RabbitMQ (deploy/fault-suite.sh starts them with deploy/local-infra.sh on ports
/// of their own, so stopping them never touches the servers other work on this machine uses).
/// </summary>
internal static class Infra
{
    private static string Script => Path.Combine(Suite.Repository, "deploy", "local-infra.sh");

    private static string Node => Environment.GetEnvironmentVariable("RABBITMQ_NODENAME") ?? throw new InvalidOperationException("RABBITMQ_NODENAME is not set: run deploy/fault-suite.sh");

    public static Task StopBrokerAsync() => RunAsync("rabbitmqctl", "-n", Node, "stop_app");

    public static async Task StartBrokerAsync()
    {
        await RunAsync("rabbitmqctl", "-n", Node, "start_app");
        await RunAsync("rabbitmqctl", "-n", Node, "await_startup");
    }

    /// <summary>An immediate stop: PostgreSQL's crash-like shutdown (no checkpoint; recovery replays the WAL).</summary>
    public static Task StopPostgresAsync()
    {
        var state = Environment.GetEnvironmentVariable("KAP_LOCAL_STATE")!;
        var pgBin = Directory.GetDirectories("/usr/lib/postgresql").Order().Last();
        return RunAsync("runuser", "-u", "postgres", "--", Path.Combine(pgBin, "bin", "pg_ctl"), "-D", Path.Combine(state, "postgres", "data"), "-m", "immediate", "-w", "stop");
    }

    /// <summary>local-infra.sh starts whatever does not answer: here, PostgreSQL again.</summary>
    public static Task StartPostgresAsync() => RunAsync("bash", Script, "up");

    private static async Task RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }
}
