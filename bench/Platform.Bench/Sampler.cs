using System.Diagnostics;

namespace Platform.Bench;

/// <summary>
/// A poor man's profile of a phase: what PostgreSQL's sessions on the database are doing (pg_stat_activity wait
/// events, sampled every 200 ms) and how busy this process's CPU is, so a missed goal names what limits it.
/// </summary>
internal sealed class Sampler : IAsyncDisposable
{
    private readonly Dictionary<string, int> waits = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private readonly TimeSpan cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly long startedAt = Clock.Now;
    private int samples;

    private Sampler(string admin, string[] databases) => loop = Task.Run(() => RunAsync(admin, databases));

    public static async Task<Sampler> StartAsync(params string[] databases) => new(await Hosts.AdminAsync(), databases);

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
        return string.Create(CultureInfo.InvariantCulture,
            $"bench process CPU {cpu:F2} cores of {Environment.ProcessorCount}; machine load {load}; active PostgreSQL sessions on average: {string.Join(", ", top)}");
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
