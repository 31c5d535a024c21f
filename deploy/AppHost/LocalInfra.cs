using System.Diagnostics;

namespace AppHost;

/// <summary>
/// The AppHost's own PostgreSQL and RabbitMQ: installed and initialised by <c>deploy/local-infra.sh prepare</c> (the same
/// script the tests use), then run in the foreground under their own users so Aspire supervises and stops them.
/// </summary>
internal sealed record LocalInfra(string Script, string State, string PgBin)
{
    public const int PostgresPort = 5433;
    public const int AmqpPort = 5673;
    public const string RabbitNode = "kap-apphost@localhost";

    public string Postgres => $"Host=127.0.0.1;Port={PostgresPort};Username=postgres;Password=postgres";

    /// <summary>The platform database as a service's own role (passwords: deploy/local-infra.sh, loopback only).</summary>
    public string PostgresAs(string role) =>
        $"Host=127.0.0.1;Port={PostgresPort};Database=kap;Username={role};Password=kap-{role}-local";

    public string RabbitMq => $"amqp://guest:guest@127.0.0.1:{AmqpPort}/";

    /// <summary>The broker as a service's own user (passwords: deploy/local-infra.sh broker, loopback only).</summary>
    public string RabbitMqAs(string user) => $"amqp://{user}:kap-{user}-local@127.0.0.1:{AmqpPort}/";

    public string[] PostgresArguments =>
    [
        "-u", "postgres", "--", Path.Combine(PgBin, "postgres"), "-D", Path.Combine(State, "postgres", "data"),
        "-c", "listen_addresses=127.0.0.1", "-c", $"port={PostgresPort}",
        "-c", $"unix_socket_directories={Path.Combine(State, "postgres")}", "-c", "max_connections=200",
        // WAL archiving as deploy/local-infra.sh runs it (`prepare` writes the command and makes the folder): backups go
        // to /var/tmp/kap-apphost/backups, base backups under base/ (deploy/backup.sh with PGPORT=5433,
        // RABBITMQ_NODENAME=kap-apphost@localhost, KAP_LOCAL_STATE=/var/tmp/kap-apphost) and the WAL under wal/;
        // deploy/restore.sh restores them to a point in time. archive_timeout bounds what a lost server takes with it.
        "-c", "wal_level=replica", "-c", "archive_mode=on", "-c", "archive_timeout=10",
        "-c", $"archive_command={Path.Combine(State, "postgres", "archive-wal.sh")} %p %f {Path.Combine(State, "backups", "wal")}",
    ];

    // runuser, not the Debian wrapper: the wrapper detaches, and Aspire must own the process to stop it cleanly. Its
    // PAM limits cut open files to 1024, so the shell raises them first, as Debian's systemd unit does
    // (LimitNOFILE=65536): with 1024, RabbitMQ runs out of file handles at a few hundred queues and stops accepting
    // connections.
    public string[] RabbitMqArguments =>
    [
        "-u", "rabbitmq", "--", "sh", "-c",
        "ulimit -n 65536 2>/dev/null || ulimit -n \"$(ulimit -Hn)\"; exec /usr/lib/rabbitmq/bin/rabbitmq-server",
    ];

    public void RabbitMqEnvironment(EnvironmentCallbackContext context)
    {
        var rabbit = Path.Combine(State, "rabbitmq");
        context.EnvironmentVariables["HOME"] = "/var/lib/rabbitmq";
        context.EnvironmentVariables["RABBITMQ_NODENAME"] = RabbitNode;
        context.EnvironmentVariables["RABBITMQ_CONFIG_FILE"] = Path.Combine(rabbit, "rabbitmq.conf");
        context.EnvironmentVariables["RABBITMQ_MNESIA_BASE"] = Path.Combine(rabbit, "mnesia");
        context.EnvironmentVariables["RABBITMQ_LOG_BASE"] = Path.Combine(rabbit, "log");
        context.EnvironmentVariables["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(rabbit, "enabled_plugins");
        context.EnvironmentVariables["RABBITMQ_LOGS"] = "-";
        // The Erlang distribution port defaults to 25672 for every node; the tests' broker may hold it already.
        context.EnvironmentVariables["RABBITMQ_NODE_PORT"] = AmqpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.EnvironmentVariables["RABBITMQ_DIST_PORT"] = (AmqpPort + 20_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public void ScriptEnvironment(EnvironmentCallbackContext context)
    {
        foreach (var (key, value) in ScriptVariables(State))
        {
            context.EnvironmentVariables[key] = value;
        }
    }

    private static Dictionary<string, string> ScriptVariables(string state) => new() {
        ["KAP_LOCAL_STATE"] = state,
        ["PGPORT"] = PostgresPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["AMQP_PORT"] = AmqpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static LocalInfra Prepare(string repository)
    {
        var state = Path.Combine("/var/tmp", "kap-apphost");
        var script = Path.Combine(repository, "deploy", "local-infra.sh");
        var start = new ProcessStartInfo("bash", [script, "prepare"]) { RedirectStandardOutput = true };
        foreach (var (key, value) in ScriptVariables(state))
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not run " + script);
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} prepare failed with exit code {process.ExitCode}; its messages are above.");
        }

        var pgBin = Directory.GetDirectories("/usr/lib/postgresql").Order().Last();
        return new LocalInfra(script, state, Path.Combine(pgBin, "bin"));
    }
}
