using System.Globalization;

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

    /// <summary>The broker node's operating-system process, or null while it is down.</summary>
    public static async Task<int?> BrokerPidAsync()
    {
        try
        {
            return int.Parse((await RunAsync("rabbitmqctl", "-n", Node, "eval", "list_to_integer(os:getpid()).")).Trim(), CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Every queue of the broker's virtual host with its messages, ready and unacknowledged.</summary>
    public static async Task<IReadOnlyList<(string Name, long Messages)>> QueuesAsync() =>
        [.. (await RunAsync("rabbitmqctl", "-n", Node, "-q", "list_queues", "name", "messages", "--no-table-headers"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .Select(parts => (parts[0], long.Parse(parts[1], CultureInfo.InvariantCulture)))];

    /// <summary>The postmaster's process id (postmaster.pid's first line), or null while PostgreSQL is down.</summary>
    public static int? PostgresPid()
    {
        try
        {
            return int.Parse(File.ReadLines(Path.Combine(DataFolder, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>local-infra.sh's PostgreSQL folder: the data folder, the socket, the logs.</summary>
    public static string PostgresFolder => Path.Combine(Environment.GetEnvironmentVariable("KAP_LOCAL_STATE")!, "postgres");

    public static string DataFolder => Path.Combine(PostgresFolder, "data");

    private static string PgCtl => Path.Combine(Directory.GetDirectories("/usr/lib/postgresql").Order().Last(), "bin", "pg_ctl");

    /// <summary>An immediate stop: PostgreSQL's crash-like shutdown (no checkpoint; recovery replays the WAL).</summary>
    public static Task StopPostgresAsync() => RunAsync("runuser", "-u", "postgres", "--", PgCtl, "-D", DataFolder, "-m", "immediate", "-w", "stop");

    /// <summary>A server deploy/restore.sh started on another data folder, stopped.</summary>
    public static Task StopAsync(string data) => RunAsync("runuser", "-u", "postgres", "--", PgCtl, "-D", data, "-m", "fast", "-w", "stop");

    /// <summary>The stopped server's data folder moved aside (the lost server); returns where it went.</summary>
    public static string SetDataAside()
    {
        var aside = Path.Combine(PostgresFolder, "lost-" + DateTime.UtcNow.ToString("yyyyMMddTHHmmss", CultureInfo.InvariantCulture));
        Directory.Move(DataFolder, aside);
        return aside;
    }

    /// <summary>deploy/backup.sh; returns its line naming the folder, the size and the time.</summary>
    public static async Task<string> BackupAsync(string label) =>
        (await RunAsync("bash", Path.Combine(Suite.Repository, "deploy", "backup.sh"), label)).Trim();

    /// <summary>
    /// deploy/restore.sh of the backup named in <paramref name="backupLine"/> into a fresh data folder on the suite's
    /// port, to <paramref name="to"/> or the end of the archive; returns its seconds.
    /// </summary>
    public static async Task<double> RestoreAsync(string backupLine, string data, DateTimeOffset? to, bool archive)
    {
        var folder = backupLine.Split(' ')[1];
        List<string> arguments = [Path.Combine(Suite.Repository, "deploy", "restore.sh"), folder, data, Environment.GetEnvironmentVariable("PGPORT")!];
        if (to is { } target)
        {
            arguments.AddRange(["--to", target.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "+00"]);
        }

        if (archive)
        {
            arguments.Add("--archive");
        }

        var clock = Stopwatch.StartNew();
        await RunAsync("bash", [.. arguments]);
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>local-infra.sh starts whatever does not answer: here, PostgreSQL again.</summary>
    public static Task StartPostgresAsync() => RunAsync("bash", Script, "up");

    private static async Task<string> RunAsync(string file, params string[] arguments)
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

        return await output;
    }
}
