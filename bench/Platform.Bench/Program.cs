using System.Text.Json;
using Platform.Bench;

// The platform's benchmark: every figure of issue 12 next to a baseline measured in the same run, against the real
// PostgreSQL and RabbitMQ named by ConnectionStrings__Postgres / ConnectionStrings__RabbitMq. Usage (see README.md):
//   eval "$(deploy/local-infra.sh env)" && dotnet run -c Release --project bench/Platform.Bench -- all|quick [options]
//     --events N --courses N   size of the rebuild / read-growth data set (default 1,000,000 each)
//     --seconds N --rate N     length and rate of the open-loop phases (default 30 s at 200/s)
//     --commands N             HTTP commands in the throughput mix (default 4,000)
//     --backlog N              events drained by the relay at saturation (default 20,000)
//     --clinics N              clinics of the simulated chain year (default 100, quick 3)
//     --servers 1|2            the chain year's clinics on one PostgreSQL server, or half of them on a second (Database:Groups)
//     --phases a,b             any of http, fhir, propagation, throughput, rebuild, chain (default all)
//     --modes a,b              outbox delivery modes compared (default Polling,ListenNotify,PostCommit)
//     --admission P/Q          requests each service serves at once / queues (default as deployed: two per core each); a run with
//                              other values writes latest-<phases>-admission-P-Q.json
var settings = Settings.Parse(args);
Hosts.Prepare();
Hosts.Admit(settings.Permits, settings.Queue);
Console.WriteLine($"Platform.Bench {settings.Describe()}");
// A figure taken on a busy machine is not a figure: the load at the start and the end go into the results, and a
// run that started above MaxLoadAtStart does not replace the reported ones.
const double MaxLoadAtStart = 1.5;
var loadAtStart = Settings.LoadAverage();
Console.WriteLine($"load average at start: {loadAtStart:F2}{(loadAtStart > MaxLoadAtStart ? $" (above {MaxLoadAtStart}: this run's figures will not replace the reported ones)" : string.Empty)}");
var results = new Dictionary<string, double>();
var rows = new List<string[]>();
string F(double v, string format = "F1") => double.IsNaN(v) ? "n/a" : v.ToString(format, CultureInfo.InvariantCulture);
string R(double a, double b) => b == 0 || double.IsNaN(a) || double.IsNaN(b) ? "n/a" : (a / b).ToString("F2", CultureInfo.InvariantCulture);

try
{
    if (settings.Runs("http"))
    {
        Progress.Line("phase http: starting Screening, Scheduling and Integration");
        await using var http = await HttpLoad.StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(5));
        var idleAtStart = await http.ConnectionsAsync();
        Progress.Line($"connections after start-up, idle: {idleAtStart}");
        var openLoopWrites = (int)(settings.Rate * settings.Seconds / 2);
        await http.SeedAsync(settings.Commands + openLoopWrites + 100);

        // A short untimed run first so JIT and pools are warm for both sides of the ratio.
        await Load.ClosedLoopAsync(settings.Workers, 200, http.CommandAsync, "http warm-up");
        var marks = await http.MarksAsync();
        var sampler = await Sampler.StartAsync(http.Databases);
        var (commands, httpSeconds) = await Load.ClosedLoopAsync(settings.Workers, settings.Commands, i => http.CommandAsync(i + 200), "http commands");
        var httpRate = commands / httpSeconds;
        Progress.Line($"http commands profile: {await sampler.StopAsync()}");
        Progress.Line($"http commands: {httpRate:F0}/s, {http.Errors} errors{(http.FirstError is { } e ? " (first: " + e + ")" : "")}");
        await sampler.DisposeAsync();
        // The cost of sealing PHI (issue 26): the same commits appended by bare Marten with the services' sealing
        // serializer and without it, one after the other in this run.
        var written = await http.CommitsSinceAsync(marks);
        var (commits, bareSeconds, plainUs) = await HttpLoad.BareMartenAsync(written, settings.Workers, sealPhi: false);
        var bareRate = commits / bareSeconds;
        var (sealedCommits, sealedSeconds, sealedUs) = await HttpLoad.BareMartenAsync(written, settings.Workers, sealPhi: true);
        var sealedRate = sealedCommits / sealedSeconds;
        Progress.Line($"bare Marten: {commits} commits, {bareRate:F0}/s plain, {sealedRate:F0}/s with PHI sealed");
        results["marten_sealed_commits_per_s"] = sealedRate;
        results["sealing_commits_ratio"] = sealedRate / bareRate;
        results["serialize_plain_us_per_event"] = plainUs;
        results["serialize_sealed_us_per_event"] = sealedUs;
        rows.Add(["bare Marten commits/s with PHI sealed (the HTTP phase's commits)", F(sealedRate, "F0"), $"plain {F(bareRate, "F0")}/s", R(sealedRate, bareRate), "–"]);
        rows.Add(["serializer µs per event with PHI sealed, one thread", F(sealedUs, "F1"), $"plain {F(plainUs, "F1")}", R(sealedUs, plainUs), "–"]);

        var errorsBefore = http.Errors;
        await using var apiSampler = await Sampler.StartAsync(http.Databases);
        var api = await Load.OpenLoopAsync(settings.Rate, TimeSpan.FromSeconds(settings.Seconds),
            i => i % 2 == 0 ? http.ReadAsync(i) : http.CommandAsync(i + 200 + settings.Commands), "api open loop");
        Progress.Line($"api open loop at {settings.Rate}/s: {api.Describe()}, errors {http.Errors - errorsBefore}");
        Progress.Line($"api open loop profile: {await apiSampler.StopAsync()}");

        // Overload: twice the rate the services sustain (the closed-loop command rate), the same mix. The admission
        // limit must keep the admitted fast and refuse the rest at once (503, Retry-After); no request may time out,
        // and every read answered 200 must have its access-audit row.
        var overloadRate = 2 * httpRate;
        var overloadStart = DateTimeOffset.UtcNow;
        var admitted = new Samples();
        var refused = new Samples();
        var readsServed = 0;
        var timeouts = 0;
        await Load.OpenLoopAsync(overloadRate, TimeSpan.FromSeconds(settings.Seconds), async i =>
        {
            var began = Clock.Now;
            var read = i % 2 == 0;
            var status = await HttpLoad.StatusOfAsync(() => read ? http.ReadAsync(i) : http.CommandAsync(i + 200 + settings.Commands + openLoopWrites));
            var ms = Clock.Ms(began, Clock.Now);
            if (status == 0 || ms > 10_000)
            {
                Interlocked.Increment(ref timeouts);
            }
            else if (status == 503)
            {
                refused.Add(ms);
            }
            else
            {
                admitted.Add(ms);
                if (read && status == 200)
                {
                    Interlocked.Increment(ref readsServed);
                }
            }
        }, "overload");
        var auditMissing = Math.Max(0, readsServed - await http.AuditedReadsAsync(overloadStart));
        Progress.Line($"overload at {overloadRate:F0}/s: admitted {admitted.Describe()}; refused {refused.Count} (p99 {refused.Percentile(0.99):F1} ms); "
            + $"timeouts {timeouts}; reads served {readsServed}, audit rows missing {auditMissing}");
        results["overload_rate_per_s"] = overloadRate;
        results["overload_admitted_p99_ms"] = admitted.Percentile(0.99);
        results["overload_admitted"] = admitted.Count;
        results["overload_refused"] = refused.Count;
        results["overload_refused_p99_ms"] = refused.Percentile(0.99);
        results["overload_timeouts"] = timeouts;
        results["audit_rows_missing"] = auditMissing;
        rows.Add([$"overload {overloadRate:F0} req/s (2 × sustained): admitted p99 ms", F(admitted.Percentile(0.99)),
            $"{admitted.Count} admitted, {refused.Count} refused 503 (p99 {F(refused.Percentile(0.99))} ms), {timeouts} timeouts", "–", "≤ 250, 0 timeouts"]);
        rows.Add(["PHI reads answered without their access-audit row (overload)", F(auditMissing, "F0"), $"{readsServed} reads served", "–", "0"]);

        await Task.Delay(TimeSpan.FromSeconds(10));
        var idle = await http.ConnectionsAsync();
        Progress.Line($"connections 10 s after the load, idle: {idle}");

        results["http_commands_per_s"] = httpRate;
        results["marten_commits_per_s"] = bareRate;
        results["http_command_vs_marten"] = httpRate / bareRate;
        results["api_p95_ms"] = api.Percentile(0.95);
        results["api_p99_ms"] = api.Percentile(0.99);
        results["pg_connections_idle"] = Math.Max(idle, idleAtStart);
        results["pg_connections_idle_at_start"] = idleAtStart;
        results["http_errors"] = http.Errors;
        rows.Add(["HTTP commands/s (referral, intake fact, booking, outcome)", F(httpRate, "F0"), $"bare Marten {F(bareRate, "F0")}/s", R(httpRate, bareRate), "≥ 0.6"]);
        rows.Add([$"API p95 ms, open loop {settings.Rate} req/s (half reads)", F(api.Percentile(0.95)), "–", "–", "–"]);
        rows.Add([$"API p99 ms, open loop {settings.Rate} req/s (half reads)", F(api.Percentile(0.99)), "–", "–", "≤ 150"]);
        rows.Add(["PostgreSQL connections held by the 3 services, idle", F(Math.Max(idle, idleAtStart), "F0"), $"{idleAtStart} right after start-up", "–", "≤ 20"]);
    }

    if (settings.Runs("fhir"))
    {
        var fhir = await FhirGateway.RunAsync(settings.Reads, settings.Workers);
        var rest = fhir.Rest.Percentile(0.95);
        var gateway = fhir.FhirGateway.Percentile(0.95);
        Progress.Line($"fhir: REST {fhir.Rest.Describe()}; FHIR direct {fhir.FhirDirect.Describe()}; FHIR via gateway {fhir.FhirGateway.Describe()}");
        results["fhir_read_p95_ms"] = gateway;
        results["fhir_direct_read_p95_ms"] = fhir.FhirDirect.Percentile(0.95);
        results["rest_read_p95_ms"] = rest;
        results["fhir_gateway_overhead_p95_ms"] = gateway - rest;
        rows.Add(["FHIR read p95 ms through the gateway (EpisodeOfCare)", F(gateway), $"REST course read {F(rest)}; FHIR without the gateway {F(fhir.FhirDirect.Percentile(0.95))}", F(gateway - rest) + " ms more", "–"]);
    }

    if (settings.Runs("propagation"))
    {
        var duration = TimeSpan.FromSeconds(settings.Seconds);
        var direct = await Propagation.DirectAsync(settings.Rate, duration);
        results["direct_publish_p50_ms"] = direct.Latency.Percentile(0.50);
        results["direct_publish_p99_ms"] = direct.Latency.Percentile(0.99);
        if (direct.ConsumerWork is { } work)
        {
            results["consumer_work_p50_ms"] = work.Sequential.Percentile(0.50);
            results["consumer_work_per_s"] = work.PerSecond;
            rows.Add(["Scheduling consumer's Marten work per safety hold, no broker (p50 ms; 8 at once /s)",
                F(work.Sequential.Percentile(0.50)), $"{F(work.PerSecond, "F0")}/s with 8 at once", "–", "–"]);
        }

        Propagation.Result? chosen = null;
        foreach (var mode in settings.Modes)
        {
            var result = await Propagation.OutboxAsync(mode, settings.Rate, duration);
            results[$"propagation_{mode.ToLowerInvariant()}_p50_ms"] = result.Latency.Percentile(0.50);
            results[$"propagation_{mode.ToLowerInvariant()}_p99_ms"] = result.Latency.Percentile(0.99);
            rows.Add([$"propagation p99 ms, Outbox:Delivery={mode} (p50 {F(result.Latency.Percentile(0.5))})",
                F(result.Latency.Percentile(0.99)), $"direct {F(direct.Latency.Percentile(0.99))}", R(result.Latency.Percentile(0.99), direct.Latency.Percentile(0.99)), "≤ 50"]);
            if (mode == Settings.DefaultMode || chosen is null)
            {
                chosen = result;
            }
        }

        if (chosen is not null)
        {
            results["propagation_p50_ms"] = chosen.Latency.Percentile(0.50);
            results["propagation_p99_ms"] = chosen.Latency.Percentile(0.99);
            results["propagation_lost"] = chosen.Lost;
            rows.Insert(0, [$"propagation p50 ms ({chosen.Mode}), Integration commit → Scheduling commit, {settings.Rate}/s",
                F(chosen.Latency.Percentile(0.50)), $"direct {F(direct.Latency.Percentile(0.50))}", R(chosen.Latency.Percentile(0.50), direct.Latency.Percentile(0.50)), "–"]);
            rows.Insert(1, [$"propagation p99 ms ({chosen.Mode}), Integration commit → Scheduling commit, {settings.Rate}/s",
                F(chosen.Latency.Percentile(0.99)), $"direct {F(direct.Latency.Percentile(0.99))}", R(chosen.Latency.Percentile(0.99), direct.Latency.Percentile(0.99)), "≤ 50"]);
        }
    }

    if (settings.Runs("throughput"))
    {
        var (relay, direct) = await Throughput.RunAsync(settings.Backlog);
        results["relay_events_per_s"] = relay;
        results["direct_events_per_s"] = direct;
        results["relay_vs_direct_throughput"] = relay / direct;
        rows.Add([$"relay events/s at saturation ({settings.Backlog} backlog)", F(relay, "F0"), $"direct {F(direct, "F0")}/s", R(relay, direct), "≥ 0.8"]);
    }

    if (settings.Runs("rebuild"))
    {
        var r = await Rebuild.RunAsync(settings.Courses, settings.Events, settings.Reads);
        var rebuildRate = r.Events / r.RebuildSeconds;
        var scanRate = r.Events / r.ScanSeconds;
        var growth = r.LargeReads.Percentile(0.95) / r.SmallReads.Percentile(0.95);
        results["rebuild_events_per_s"] = rebuildRate;
        results["raw_scan_events_per_s"] = scanRate;
        results["rebuild_events"] = r.Events;
        results["read_p95_small_ms"] = r.SmallReads.Percentile(0.95);
        results["read_p95_large_ms"] = r.LargeReads.Percentile(0.95);
        results["read_p95_growth"] = growth;
        rows.Add([$"rebuild events/s, all {r.Projections} Integration projections over {r.Events:N0} events", F(rebuildRate, "F0"), $"raw scan {F(scanRate, "F0")}/s", R(rebuildRate, scanRate), "≥ 10,000"]);
        rows.Add([$"read p95 ms with {settings.Courses:N0} courses", F(r.LargeReads.Percentile(0.95)), $"{F(r.SmallReads.Percentile(0.95))} with {r.SmallCourses:N0}", F(growth, "F2"), "≤ 1.5"]);
    }

    if (settings.Runs("chain"))
    {
        var chain = await ChainYear.RunAsync(settings.Clinics, settings.Reads, settings.Servers);
        var perService = string.Join(" / ", chain.Services.Select(s => s.Events.ToString("N0", CultureInfo.InvariantCulture)));
        results["chain_clinics"] = chain.Clinics;
        results["chain_servers"] = settings.Servers;
        results["chain_events"] = chain.Events;
        results["chain_generation_s"] = chain.GenerationSeconds;
        results["chain_generation_events_per_s"] = chain.Events / chain.GenerationSeconds;
        results["chain_db_mb"] = chain.BytesAfterRebuild / 1e6;
        results["chain_db_mb_events_only"] = chain.BytesAfterGeneration / 1e6;
        results["chain_rebuild_s"] = chain.RebuildSeconds;
        results["chain_read_p95_ms"] = chain.AllReads.Percentile(0.95);
        results["chain_read_p99_ms"] = chain.AllReads.Percentile(0.99);
        results["chain_read_failures"] = chain.ReadFailures;
        results["chain_analyst_p50_ms"] = chain.Analyst.Percentile(0.50);
        results["chain_analyst_max_ms"] = chain.Analyst.Percentile(1);
        rows.Add([$"chain year: events, {chain.Clinics} clinics (Screening / Scheduling / Integration)", F(chain.Events, "N0"), perService, "–", "–"]);
        rows.Add(["chain year: generation events/s (COPY)", F(chain.Events / chain.GenerationSeconds, "F0"), $"{F(chain.GenerationSeconds)} s", "–", "–"]);
        rows.Add(["chain year: database size MB, 3 services (after the rebuild)", F(chain.BytesAfterRebuild / 1e6, "F0"), $"{F(chain.BytesAfterGeneration / 1e6, "F0")} MB events only", "–", "–"]);
        rows.Add(["chain year: rebuild s, the 3 services side by side, write models first", F(chain.RebuildSeconds),
            $"{F(chain.Events / chain.RebuildSeconds, "F0")} events/s", "–", "≤ 60"]);
        foreach (var service in chain.Services)
        {
            var key = service.Name.ToLowerInvariant();
            results[$"chain_events_{key}"] = service.Events;
            results[$"chain_rebuild_{key}_s"] = service.RebuildSeconds;
            rows.Add([$"chain year: {service.Name} done after s ({service.Projections} projections, {service.Events:N0} events)", F(service.RebuildSeconds),
                $"{F(service.Events / service.RebuildSeconds, "F0")} events/s", "–", "–"]);
        }

        results["chain_read_beside_autovacuum_p95_ms"] = chain.ReadsBesideAutovacuum.Percentile(0.95);
        results["chain_read_beside_autovacuum_p99_ms"] = chain.ReadsBesideAutovacuum.Percentile(0.99);
        results["chain_vacuum_s"] = chain.VacuumSeconds;
        rows.Add([$"chain year: read p95 ms right after the rebuild, beside autovacuum (n={chain.ReadsBesideAutovacuum.Count})", F(chain.ReadsBesideAutovacuum.Percentile(0.95)),
            $"p99 {F(chain.ReadsBesideAutovacuum.Percentile(0.99))}", "–", "–"]);
        rows.Add(["chain year: vacuum (analyze) s, the 3 databases after the rebuild", F(chain.VacuumSeconds), "–", "–", "–"]);
        rows.Add([$"chain year: read p95 ms after vacuum, main GETs over random clinics (n={chain.AllReads.Count})", F(chain.AllReads.Percentile(0.95)), $"p99 {F(chain.AllReads.Percentile(0.99))}", "–", "–"]);
        foreach (var (query, samples) in chain.Reads)
        {
            results[$"chain_read_{query}_p95_ms"] = samples.Percentile(0.95);
            results[$"chain_read_{query}_p99_ms"] = samples.Percentile(0.99);
            rows.Add([$"chain year: read p95 ms, {query}", F(samples.Percentile(0.95)), $"p99 {F(samples.Percentile(0.99))}", "–", "–"]);
        }

        rows.Add(["chain year: analyst TrdIvRespondedByWeek4, all clinics, p50 ms", F(chain.Analyst.Percentile(0.50)), chain.AnalystAnswer, "–", "–"]);
    }
}
finally
{
    await Hosts.DropDatabasesAsync();
}

Console.WriteLine();
Console.WriteLine($"Scale: {settings.Describe()}");
Console.WriteLine();
Console.WriteLine("| figure | value | baseline (same run) | ratio | goal |");
Console.WriteLine("|---|---|---|---|---|");
foreach (var row in rows)
{
    Console.WriteLine($"| {string.Join(" | ", row)} |");
}

results["admission_permits"] = settings.Permits;
results["admission_queue"] = settings.Queue;
results["machine_load_at_start"] = loadAtStart;
results["machine_load_at_end"] = Settings.LoadAverage();
var folder = Path.Combine(Settings.Repository, "bench", "results");
Directory.CreateDirectory(folder);
var rounded = results.ToDictionary(kv => kv.Key, kv => double.IsFinite(kv.Value) ? Math.Round(kv.Value, 2) : -1);

// Neither a smoke run nor a run of some phases may overwrite the figures the README reports.
var file = Path.Combine(folder, settings.Mode == "quick" ? "quick.json"
    : loadAtStart > MaxLoadAtStart ? "busy.json"
    : !settings.DeployedAdmission ? $"latest-{string.Join('-', settings.Phases)}-admission-{settings.Permits}-{settings.Queue}.json"
    : settings.RunsAllPhases ? "latest.json" : $"latest-{string.Join('-', settings.Phases)}.json");
await File.WriteAllTextAsync(file, JsonSerializer.Serialize(rounded, new JsonSerializerOptions { WriteIndented = true }) + "\n");
Console.WriteLine();
Console.WriteLine($"wrote {file}");
