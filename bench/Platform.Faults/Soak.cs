using System.Collections.Concurrent;
using System.Globalization;
using Npgsql;
using Platform.ServiceDefaults.Auth;

namespace Platform.Faults;

/// <summary>
/// The soak (issue 28, `--soak MINUTES`): a steady clinical mix of about 20 requests a second for that long (patients
/// referred, taken through intake and approved; the therapist matched and the preparation session booked; a PHQ-9
/// recorded in Integration; the screening and both courses read), with a hard fault every 30 to 40 s drawn at random:
/// kill -9 of a service node, a broker restart, a PostgreSQL crash, a partition of Scheduling's network. Then the count:
/// every acknowledged approval, booking and outcome in the store exactly once, every PHI read answered with its audit
/// row, and the resident memory, database connections and queue depths of every process sampled every 10 s, flat after
/// the warm-up. Dosing is not in the mix: a dose is checked in at its booked time on the clinic's real clock, which
/// an hour of wall time cannot compress (the tests run whole courses on a clinic clock of their own).
/// </summary>
internal sealed class Soak(
    Clinic clinic, Bookings bookings, IReadOnlyList<ServiceProcess> services, Network network, int seed)
{
    /// <summary>A patient about every 0.8 s, each 15 requests (12 commands, 3 reads): about 19 requests a second.</summary>
    private static readonly TimeSpan PatientEvery = TimeSpan.FromMilliseconds(800);

    /// <summary>Enough for the patients a 30 s partition or a restart holds up, so the rate stays steady around it.</summary>
    private const int MaxPatientsInFlight = 48;

    private readonly Random random = new(seed);
    private readonly ConcurrentDictionary<Guid, Guid> approvals = new();
    private readonly ConcurrentDictionary<Guid, byte> outcomes = new();
    private readonly List<Sample> samples = [];
    private readonly List<string> faults = [];
    private long requests;
    private long phiReads;
    private long refused;

    /// <summary>The suite's exit code: 0 when nothing was lost, duplicated or read without its audit row, and nothing grew.</summary>
    public async Task<int> RunAsync(TimeSpan length)
    {
        var clock = Stopwatch.StartNew();
        var since = DateTimeOffset.UtcNow;
        using var stop = new CancellationTokenSource(length);
        Suite.Line($"soak: {length.TotalMinutes:F0} min of about 20 requests/s, a hard fault every 30 to 40 s (seed {seed})");
        var traffic = TrafficAsync(stop.Token);
        var sampling = SampleAsync(clock, stop.Token);
        var faulting = FaultsAsync(clock, stop.Token);
        await Task.WhenAll(faulting, sampling);
        var patients = await traffic;
        Suite.Line($"soak: traffic stopped after {clock.Elapsed.TotalMinutes:F1} min: {patients} patients, {Interlocked.Read(ref requests)} requests answered, {faults.Count} hard faults; waiting for the backlog to drain");

        // Nothing lost: every acknowledged approval opened its course in both services, every booking and outcome is
        // stored; counted in the event store, the record of truth, once the consumers have caught up.
        var drained = Stopwatch.StartNew();
        (long Lost, string Describe) missing;
        while (true)
        {
            missing = await MissingAsync();
            if (missing.Lost == 0 || drained.Elapsed > TimeSpan.FromMinutes(5))
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        Suite.Line($"soak: lost {missing.Lost} ({missing.Describe}), counted {drained.Elapsed.TotalSeconds:F0} s after the traffic stopped");
        var duplicates = await Suite.DuplicatesAsync(approvals.Count, bookings.Acknowledged.Count);
        // Only the soak records outcomes, one per course.
        var outcomeDuplicates = await ScalarAsync("select count(*) - count(distinct stream_id) from integration.mt_events where type = 'outcome_measured'");
        Suite.Line($"soak: duplicated {duplicates.Total + outcomeDuplicates} ({duplicates.Describe}; {outcomeDuplicates} second outcomes)");
        var audited = await ScalarAsync("select " + string.Join(" + ", new[] { "screening", "scheduling", "integration" }.Select(schema =>
            $"(select count(*) from {schema}.access_audit where subject like 'soak-reader-%' and status = 200 and at >= '{since.UtcDateTime:O}')")));
        var unaudited = Math.Max(0, Interlocked.Read(ref phiReads) - audited);
        Suite.Line($"soak: PHI reads answered {Interlocked.Read(ref phiReads)}, with their audit row {audited}, without {unaudited}");
        var growth = Growth();
        var queued = await QueuedAsync();
        Suite.Line($"soak: messages still queued after the drain: {queued}");

        Console.WriteLine();
        Console.WriteLine("| soak | first fifth after warm-up (median) | last fifth (median) | growth | goal |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var g in growth)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {g.What} | {g.First:F0} | {g.Last:F0} | {g.Percent:+0.0;-0.0}% | {(g.Limit is { } limit ? $"≤ {limit:F0}%" : "reported")} |"));
        }

        Console.WriteLine();
        foreach (var kind in faults.GroupBy(f => f).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"- {kind.Key}: {kind.Count()}");
        }

        var grown = growth.Where(g => g.Limit is { } limit && g.Percent > limit).Select(g => g.What).ToList();
        Console.WriteLine();
        Console.WriteLine($"soak: {length.TotalMinutes:F0} min, hard faults {faults.Count}, patients {patients}, approvals acknowledged {approvals.Count}, "
            + $"preparation sessions booked {bookings.Acknowledged.Count}, outcomes {outcomes.Count}, lost {missing.Lost}, duplicated {duplicates.Total + outcomeDuplicates}, "
            + $"PHI reads without audit {unaudited}, queued after the drain {queued}, visits failed {refused}, grown: {(grown.Count == 0 ? "nothing" : string.Join(", ", grown))}");
        return refused == 0 && missing.Lost == 0 && duplicates.Total + outcomeDuplicates == 0 && unaudited == 0 && queued == 0 && grown.Count == 0 ? 0 : 1;
    }

    /// <summary>A patient every <see cref="PatientEvery"/> (fewer while too many are still in flight, as during an outage).</summary>
    private async Task<int> TrafficAsync(CancellationToken stop)
    {
        var inFlight = new SemaphoreSlim(MaxPatientsInFlight);
        var running = new List<Task>();
        using var timer = new PeriodicTimer(PatientEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                await inFlight.WaitAsync(stop);
                running.Add(Task.Run(async () =>
                {
                    try
                    {
                        await PatientAsync();
                    }
                    catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException or HttpRequestException)
                    {
                        // A refusal the careful client does not retry, or a patient not through in 10 min: a finding.
                        Interlocked.Increment(ref refused);
                        Suite.Line($"soak: a patient's visit failed: {ex.Message}");
                    }
                    finally
                    {
                        inFlight.Release();
                    }
                }, CancellationToken.None));
            }
        }
        catch (OperationCanceledException)
        {
            // The soak's time is up; the patients in flight finish their visit.
        }

        await Task.WhenAll(running);
        return running.Count;
    }

    /// <summary>One patient's way through the three services; each step retried by the careful client until answered.</summary>
    private async Task PatientAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var screening = await clinic.ReadyScreeningAsync(limit.Token);
        var course = approvals[screening] = await clinic.ApproveAsync(screening, limit.Token);
        await bookings.BookAsync(course, limit.Token);
        await clinic.RecordOutcomeAsync(course, limit.Token);
        outcomes[course] = 0;
        Interlocked.Add(ref requests, 12); // 8 for the referral and intake, the approval, 2 for the booking, the outcome
        foreach (var (service, path, role) in new[] {
            (clinic.Screening, $"/screenings/{screening}", Roles.Intake),
            (clinic.Scheduling, $"/courses/{course}", Roles.Scheduler),
            (clinic.Integration, $"/courses/{course}", Roles.Therapist),
        })
        {
            if (await Clinic.ReadAsync(service, path, role, "soak-reader-" + role))
            {
                Interlocked.Increment(ref phiReads);
                Interlocked.Increment(ref requests);
            }
        }
    }

    /// <summary>A hard fault every 30 to 40 s, drawn from every kind the suite knows, restored as a supervisor would.</summary>
    private async Task FaultsAsync(Stopwatch clock, CancellationToken stop)
    {
        var kinds = new List<(string Name, Func<Task> Break, Func<Task> Restore)>();
        foreach (var service in services)
        {
            kinds.Add(($"kill -9 {service.Name}", service.KillAsync, service.StartAsync));
        }

        kinds.Add(("RabbitMQ restarted", Infra.StopBrokerAsync, Infra.StartBrokerAsync));
        kinds.Add(("PostgreSQL crash and restart", Infra.StopPostgresAsync, Infra.StartPostgresAsync));
        if (Network.Namespace is not null)
        {
            kinds.Add(("Scheduling partitioned 10 to 30 s", () => network.DropAsync("soak partition", 100, TimeSpan.FromSeconds(random.Next(10, 31))), network.HealAsync));
        }

        try
        {
            // From one fault's start to the next: a fault that takes long (a 30 s partition, a restart under load) does
            // not push the rest back, so an hour holds about 100.
            var next = clock.Elapsed + TimeSpan.FromSeconds(random.Next(30, 41));
            while (true)
            {
                if (next > clock.Elapsed)
                {
                    await Task.Delay(next - clock.Elapsed, stop);
                }

                next = clock.Elapsed + TimeSpan.FromSeconds(random.Next(30, 41));
                var (name, breakAsync, restoreAsync) = kinds[random.Next(kinds.Count)];
                Suite.Line($"soak {clock.Elapsed:hh\\:mm\\:ss}: {name}");
                await breakAsync();
                await restoreAsync();
                faults.Add(name);
            }
        }
        catch (OperationCanceledException)
        {
            // The soak's time is up.
        }
    }

    /// <summary>Every 10 s: each process's resident memory, the database's connections, the broker's queued messages.</summary>
    private async Task SampleAsync(Stopwatch clock, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var sample = new Sample(clock.Elapsed.TotalSeconds, []);
                var processes = services.Select(s => ($"{s.Name} resident memory, MiB", s.ProcessId))
                    .Append(("PostgreSQL postmaster resident memory, MiB", Infra.PostgresPid()))
                    .Append(("RabbitMQ resident memory, MiB", await Infra.BrokerPidAsync()));
                foreach (var (what, pid) in processes)
                {
                    if (pid is { } id && Resident(id) is { } mebibytes)
                    {
                        sample.Values[what] = mebibytes;
                    }
                }

                try
                {
                    sample.Values["PostgreSQL connections"] = await ScalarAsync("select count(*) from pg_stat_activity where backend_type = 'client backend'");
                }
                catch (NpgsqlException)
                {
                    // The database is down for a fault: no figure this time.
                }

                samples.Add(sample);
                if (samples.Count % 30 == 0)
                {
                    Suite.Line($"soak {clock.Elapsed:hh\\:mm\\:ss}: {Interlocked.Read(ref requests)} requests answered, {faults.Count} hard faults; "
                        + string.Join(", ", sample.Values.Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Key} {v.Value:F0}"))));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The soak's time is up.
        }
    }

    /// <summary>
    /// Each figure's median over the first and the last fifth of the samples after the warm-up (the first fifth of the
    /// run): a median, since a node just restarted by a fault starts small and grows to its working size again.
    /// </summary>
    private List<(string What, double First, double Last, double Percent, double? Limit)> Growth()
    {
        var settled = samples.Skip(samples.Count / 5).ToList();
        var fifth = Math.Max(1, settled.Count / 5);
        return [.. settled.SelectMany(s => s.Values.Keys).Distinct().Order(StringComparer.Ordinal).Select(what =>
        {
            double Median(IEnumerable<Sample> window)
            {
                var values = window.Where(s => s.Values.ContainsKey(what)).Select(s => s.Values[what]).Order().ToList();
                return values.Count == 0 ? double.NaN : values[values.Count / 2];
            }

            var (first, last) = (Median(settled.Take(fifth)), Median(settled.TakeLast(fifth)));
            // Memory: at most 10 % (issue 28); connections: at most 20 % more, the pools' own bounds.
            return (what, first, last, (last / first - 1) * 100, what.Contains("memory", StringComparison.Ordinal) ? 10 : (double?)20);
        })];
    }

    private async Task<(long Lost, string Describe)> MissingAsync()
    {
        var courses = approvals.Values.ToHashSet();
        var inScheduling = await StreamsAsync("select stream_id from scheduling.mt_events where type = 'course_opened'");
        var inIntegration = await StreamsAsync("select stream_id from integration.mt_events where type = 'course_outcome_opened'");
        var withOutcome = await StreamsAsync("select stream_id from integration.mt_events where type = 'outcome_measured'");
        var sessions = (await StreamsAsync("select (data->>'SessionId')::uuid from scheduling.mt_events where type = 'session_booked'")).ToHashSet();
        var (a, b, c) = (courses.Count(c => !inScheduling.Contains(c)), courses.Count(c => !inIntegration.Contains(c)), outcomes.Keys.Count(c => !withOutcome.Contains(c)));
        var d = bookings.Acknowledged.Count(s => courses.Contains(s.Key) && !sessions.Contains(s.Value));
        return (a + b + c + d, $"{a} courses missing in Scheduling, {b} in Integration, {c} outcomes, {d} preparation sessions");
    }

    private static async Task<HashSet<Guid>> StreamsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Suite.AdminConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new HashSet<Guid>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    private static async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Suite.AdminConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Messages ready or unacknowledged in every queue of the broker (0 once the consumers have caught up).</summary>
    private static async Task<long> QueuedAsync() =>
        (await Infra.QueuesAsync()).Sum(q => q.Messages);

    /// <summary>The process's resident set in MiB, or null when it is not running (killed by a fault, not started again yet).</summary>
    private static double? Resident(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private sealed record Sample(double Seconds, Dictionary<string, double> Values);
}
