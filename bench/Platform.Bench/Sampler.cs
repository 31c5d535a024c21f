using System.Diagnostics;

namespace Platform.Bench;

/// <summary>
/// A poor man's profile of a phase: what PostgreSQL's sessions on the database are doing (pg_stat_activity wait
/// events, sampled every 200 ms), the statements that took most of the server's time (pg_stat_statements, where the
/// server loads it) and how busy this process's CPU is, so a missed goal names what limits it.
/// </summary>
internal sealed class Sampler : IAsyncDisposable
{
    private readonly Dictionary<string, int> waits = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private readonly TimeSpan cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly long startedAt = Clock.Now;
    private readonly string admin;
    private readonly string[] databases;
    private readonly bool statements;
    private int samples;

    private Sampler(string admin, string[] databases, bool statements)
    {
        this.admin = admin;
        this.databases = databases;
        this.statements = statements;
        loop = Task.Run(() => RunAsync(admin, databases));
    }

    public static async Task<Sampler> StartAsync(params string[] databases)
    {
        var admin = await Hosts.AdminAsync();
        return new(admin, databases, await ResetStatementsAsync(admin));
    }

    /// <summary>Starts pg_stat_statements' counts afresh; false where the server does not load it.</summary>
    private static async Task<bool> ResetStatementsAsync(string admin)
    {
        try
        {
            await Hosts.ExecuteAsync(admin, "create extension if not exists pg_stat_statements; select pg_stat_statements_reset()");
            return true;
        }
        catch (PostgresException)
        {
            return false;
        }
    }

    /// <summary>The phase's five statements with the most server time: calls, total and mean milliseconds, rows.</summary>
    private async Task<string> TopStatementsAsync()
    {
        if (!statements)
        {
            return "top statements: n/a (the server does not load pg_stat_statements)";
        }

        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            select s.calls, s.total_exec_time, s.mean_exec_time, s.rows, regexp_replace(s.query, '\s+', ' ', 'g')
            from pg_stat_statements s join pg_database d on d.oid = s.dbid
            where d.datname = any(@db) order by s.total_exec_time desc limit 5
            """, connection);
        command.Parameters.AddWithValue("db", databases);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            var query = reader.GetString(4);
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"  {reader.GetInt64(0)} calls, {reader.GetDouble(1):F0} ms ({reader.GetDouble(2):F2} ms each), {reader.GetInt64(3)} rows: {query[..Math.Min(160, query.Length)]}"));
        }

        return "top statements by server time:\n" + string.Join("\n", lines);
    }

    private async Task RunAsync(string admin, string[] databases)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        while (!stop.IsCancellationRequested)
        {
            await using (var command = new NpgsqlCommand(
                "select coalesce(wait_event_type || ':' || wait_event, 'on CPU') from pg_stat_activity where datname = any(@db) and state = 'active' and pid <> pg_backend_pid()",
                connection))
            {
                command.Parameters.AddWithValue("db", databases);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    var key = reader.GetString(0);
                    waits[key] = waits.GetValueOrDefault(key) + 1;
                }
            }

            samples++;
            try
            {
                await Task.Delay(200, stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Average active PostgreSQL sessions per state, and this process's CPU use (1.0 = one core).</summary>
    public async Task<string> StopAsync()
    {
        await stop.CancelAsync();
        await loop;
        var seconds = Clock.Ms(startedAt, Clock.Now) / 1000;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart).TotalSeconds / seconds;
        var top = waits.OrderByDescending(w => w.Value).Take(4)
            .Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.Key} {(double)w.Value / Math.Max(1, samples):F2}"));
        var load = File.Exists("/proc/loadavg") ? (await File.ReadAllTextAsync("/proc/loadavg")).Split(' ')[0] : "n/a";
        var statementsSeen = await TopStatementsAsync();
        return string.Create(CultureInfo.InvariantCulture,
            $"bench process CPU {cpu:F2} cores of {Environment.ProcessorCount}; machine load {load}; active PostgreSQL sessions on average: {string.Join(", ", top)}\n{statementsSeen}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        stop.Dispose();
    }
}
