using JasperFx.Events.Projections;
using Marten.Storage;
using Microsoft.Extensions.Hosting;
using Platform.ServiceDefaults.Privacy;

namespace Platform.Bench;

/// <summary>
/// Integration with a large history written by COPY (Marten's BulkInsertEventsAsync): every projection rebuilt
/// from it against a plain read of the same rows, and the main GET queries at a small and at the full size.
/// </summary>
internal static class Rebuild
{
    public sealed record Result(long Events, int Projections, double RebuildSeconds, double ScanSeconds, Samples SmallReads, Samples LargeReads, int SmallCourses);

    public static async Task<Result> RunAsync(int courseCount, long eventCount, int reads)
    {
        await using var integration = await Hosts.IntegrationAsync(ServiceHost.NewEntityPrefix());

        await StopHostedDaemonAsync(integration.Services);

        var store = (DocumentStore)integration.Store;
        var projections = store.Options.Projections.All.Select(p => p.Name).ToArray();
        // The issue compares 10,000 with 1,000,000 courses; scaled-down runs keep the same 1:100 ratio.
        var small = Math.Max(1, Math.Min(10_000, courseCount / 100));
        var ids = Enumerable.Range(0, courseCount).Select(_ => Guid.NewGuid()).ToArray();

        var keys = integration.Services.GetRequiredService<PatientKeys>();
        await GenerateAsync(store, keys, ids, 0, small, courseCount, eventCount);
        await RebuildAllAsync(store, projections, "rebuild at small size");
        using var client = integration.ClientFor(Roles.Therapist, "therapist-1");
        await ReadsAsync(client, ids[..small], 90, "read warm-up");
        var smallReads = await ReadsAsync(client, ids[..small], reads, $"reads with {small} courses");

        var generation = Clock.Now;
        await GenerateAsync(store, keys, ids, small, courseCount, courseCount, eventCount);
        var total = await Hosts.ScalarAsync(integration.Postgres, "select count(*) from integration.mt_events");
        Progress.Line($"generated {total} events over {courseCount} courses in {Clock.Ms(generation, Clock.Now) / 1000:F1} s (COPY)");

        // As an operator does after a bulk load: the daemon's page query ("seq_id in a range, order by seq_id limit
        // n") planned on the statistics of a table that was empty reads the whole remaining range for every page and
        // sorts it, so the rebuild would measure autovacuum's timing rather than the projections.
        await Hosts.ExecuteAsync(integration.Postgres, "analyze");
        var scan = Clock.Now;
        var scanned = await ScanAsync(integration.Postgres);
        var scanSeconds = Clock.Ms(scan, Clock.Now) / 1000;
        Progress.Line($"raw scan: {scanned} events in {scanSeconds:F1} s");

        var rebuild = Clock.Now;
        await using var sampler = await Sampler.StartAsync(Hosts.DatabaseOf(integration.Postgres));
        await RebuildAllAsync(store, projections, "rebuild");
        var rebuildSeconds = Clock.Ms(rebuild, Clock.Now) / 1000;
        await CheckAnalystRowsAsync(integration.Postgres);
        Progress.Line($"rebuild profile: {await sampler.StopAsync()}");
        Progress.Line($"rebuild of {projections.Length} projections ({string.Join(", ", projections)}) over {total} events: {rebuildSeconds:F1} s");

        var largeReads = await ReadsAsync(client, ids, reads, $"reads with {courseCount} courses");
        return new Result(total, projections.Length, rebuildSeconds, scanSeconds, smallReads, largeReads, small);
    }

    /// <summary>
    /// Courses [from, to) of the data set: each opens with CourseOutcomeOpened and gets its share of the other
    /// events (intentions, and a safety hold on every 50th course), spread evenly so the totals are exact.
    /// </summary>
    private static async Task GenerateAsync(IDocumentStore store, PatientKeys keys, Guid[] ids, int from, int to, int courseCount, long eventCount)
    {
        var extras = eventCount - courseCount;
        var now = DateTimeOffset.UtcNow;
        var therapist = Guid.NewGuid();
        var lastReport = Clock.Now;
        const int Batch = 20_000;
        for (var start = from; start < to; start += Batch)
        {
            // Each course's key, made when it opens in a service (Integration's OpenOutcomeRecordOnApproval), made here
            // in bulk before its events are sealed.
            await keys.EnsureManyAsync([.. ids[start..Math.Min(to, start + Batch)].Select(id => (id, Guid.NewGuid(), ClinicScope.Development))], CancellationToken.None);
            await using var session = store.LightweightSession(ClinicScope.Development);
            var streams = new List<StreamAction>();
            for (var c = start; c < Math.Min(to, start + Batch); c++)
            {
                var id = ids[c];
                var count = (extras / courseCount) + (c < extras % courseCount ? 1 : 0);
                var events = new List<object>((int)count + 1) { HttpLoad.Opened(id, now) };
                for (var j = 0; j < count; j++)
                {
                    events.Add(j == 0 && c % 50 == 0
                        ? new HoldPlaced(id, Guid.NewGuid(), Guid.NewGuid(), SafetyHoldTrigger.AdverseEvent, "bench", Guid.NewGuid(), now)
                        : new IntentionsSet(id, Guid.NewGuid(), j + 1, therapist, now, "bench intentions"));
                }

                streams.Add(session.Events.StartStream<CourseOutcome>(id, [.. events]));
            }

            await store.BulkInsertEventsAsync(streams, 10_000);
            if (Clock.Ms(lastReport, Clock.Now) > 5000)
            {
                lastReport = Clock.Now;
                Progress.Line($"generating: {Math.Min(to, start + Batch)}/{courseCount} courses");
            }
        }
    }

    /// <summary>
    /// The hosted daemon would chase bulk-loaded events (and the relay publish them) while they are being measured;
    /// rebuilds run on a daemon of their own instead.
    /// </summary>
    public static async Task StopHostedDaemonAsync(IServiceProvider services)
    {
        foreach (var hosted in services.GetServices<IHostedService>().Where(h => h.GetType().Name.Contains("ProjectionCoordinator", StringComparison.Ordinal)))
        {
            await hosted.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// Rebuilds the projections side by side, as the service's daemon runs them, in two stages: the inline ones (the
    /// write model) first, then the async ones, because an async projection may read the write model's documents
    /// (Integration's analyst tables load each page's <c>CourseOutcome</c>s), and rebuilt beside it, it would read
    /// documents not rebuilt yet. Within a stage none reads another's documents.
    /// </summary>
    public static async Task RebuildAllAsync(DocumentStore store, string[] projections, string label, IMartenDatabase? database = null)
    {
        using var daemon = database is null ? await store.BuildProjectionDaemonAsync() : await store.BuildProjectionDaemonAsync(database.Id);
        var started = Clock.Now;
        var lifecycles = store.Options.Projections.All.ToDictionary(p => p.Name, p => p.Lifecycle);
        foreach (var stage in projections.GroupBy(name => lifecycles[name] == ProjectionLifecycle.Inline ? 0 : 1).OrderBy(g => g.Key))
        {
            await Task.WhenAll(stage.Select(async name =>
            {
                await daemon.RebuildProjectionAsync(name, TimeSpan.FromMinutes(30), CancellationToken.None);
                Progress.Line($"{label}: {name} done after {Clock.Ms(started, Clock.Now) / 1000:F1} s");
            }));
        }
    }

    /// <summary>
    /// A rebuild that ran an async projection before the documents it reads gives fast figures and empty tables: every
    /// course must have its analyst response row again.
    /// </summary>
    public static async Task CheckAnalystRowsAsync(string integrationDatabase)
    {
        var courses = await Hosts.ScalarAsync(integrationDatabase, "select count(*) from integration.mt_doc_courseoutcome");
        var rows = await Hosts.ScalarAsync(integrationDatabase, "select count(*) from reporting.integration_course_response");
        if (rows != courses)
        {
            throw new InvalidOperationException($"After the rebuild, {rows:N0} analyst response rows for {courses:N0} courses: the rebuild is wrong, so are its figures.");
        }
    }

    /// <summary>Every event's JSON read from mt_events in order: the floor under any rebuild.</summary>
    private static async Task<long> ScanAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select seq_id, type, data from integration.mt_events order by seq_id", connection) { CommandTimeout = 600 };
        await using var reader = await command.ExecuteReaderAsync();
        long rows = 0;
        long bytes = 0;
        while (await reader.ReadAsync())
        {
            bytes += reader.GetString(2).Length + reader.GetString(1).Length + reader.GetInt64(0);
            rows++;
        }

        return bytes > 0 ? rows : 0;
    }

    /// <summary>The main GETs: a course, its summary, and the active safety holds (first page).</summary>
    private static async Task<Samples> ReadsAsync(HttpClient client, Guid[] ids, int count, string label)
    {
        var samples = new Samples();
        var failures = 0;
        await Load.ClosedLoopAsync(4, count, async i =>
        {
            var id = ids[Random.Shared.Next(ids.Length)];
            var path = (i % 3) switch {
                0 => $"/courses/{id}",
                1 => $"/courses/{id}/summary",
                _ => "/holds/active?limit=20",
            };
            var started = Clock.Now;
            using var response = await client.GetAsync(path);
            await response.Content.ReadAsByteArrayAsync();
            samples.Add(Clock.Ms(started, Clock.Now));
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref failures);
            }
        }, label);
        Progress.Line($"{label}: {samples.Describe()}, failures {failures}");
        return samples;
    }
}
