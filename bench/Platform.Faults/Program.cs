using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Npgsql;
using Platform.Faults;

// The fault-injection suite (issues 10 and 14): the three services as processes on a private PostgreSQL and RabbitMQ
// (deploy/fault-suite.sh sets them up), prescribers approving screenings while faults are injected, then the count:
// every acknowledged approval must open exactly one course in Scheduling and in Integration. Usage:
//   deploy/fault-suite.sh            3 cycles of 6 fault kinds, 60 approvals per phase, 30 s broker outage
//   deploy/fault-suite.sh --short    1 cycle, 12 approvals per phase, 10 s outages (what CI runs)
//   options: --cycles N --approvals N --outage-seconds N --copies N (redeliveries of each approval, default 2)
//            --only TEXT (only the fault kinds whose name contains TEXT; --only restore: the restore drill alone)
//   deploy/fault-suite.sh --soak MINUTES [--seed N]: the soak (Soak.cs) instead: a steady clinical mix for that long
//            with a hard fault every 30 to 40 s drawn at random (the seed printed, to run the same draw again)
// After each cycle's fault kinds, the restore drill (RestoreDrill.cs; not with --short): PostgreSQL lost and restored
// from a base backup and the WAL archive to a point in time, while RabbitMQ keeps what it holds.
var quick = args.Contains("--short");
var cycles = Suite.Option(args, "--cycles", quick ? 1 : 3);
var perPhase = Suite.Option(args, "--approvals", quick ? 12 : 60);
var outage = TimeSpan.FromSeconds(Suite.Option(args, "--outage-seconds", quick ? 10 : 30));
var redelivery = new Redelivery(perPhase, Suite.Option(args, "--copies", 2));
var databaseOutage = TimeSpan.FromSeconds(Math.Min(outage.TotalSeconds, 20));
Directory.CreateDirectory(Suite.LogFolder);

await using var screening = Suite.Service("screening");
await using var scheduling = Suite.Service("scheduling");
await using var integration = Suite.Service("integration");
await using var integrationTwin = Suite.Service("integration", node: 2);
var leader = new DaemonLeader(integration, integrationTwin, databaseUser: "integration");
var network = new Network(scheduling);
Suite.Line("starting Screening, Scheduling and Integration as processes");
await Task.WhenAll(screening.StartAsync(), scheduling.StartAsync(), integration.StartAsync());
var clinic = new Clinic(screening, scheduling, integration);
var bookings = new Bookings(clinic, await clinic.SeatsAsync(8));

// --soak MINUTES: the soak alone (Soak.cs), its own count and exit code.
if (Suite.Option(args, "--soak", 0) is > 0 and var minutes)
{
    var seed = Suite.Option(args, "--seed", Random.Shared.Next(1_000_000));
    return await new Soak(clinic, bookings, [screening, scheduling, integration], network, seed).RunAsync(TimeSpan.FromMinutes(minutes));
}

// Each fault breaks something, then restores it as an operator or a supervisor would; recovery counts from the moment
// the restore begins (the process starting again, the broker or database starting) until every course is back.
Fault[] kinds =
[
    new("kill -9 Scheduling", DuringApprovals: true, scheduling.KillAsync, scheduling.StartAsync),
    new("kill -9 Integration", DuringApprovals: true, integration.KillAsync, integration.StartAsync),
    new("kill -9 Screening", DuringApprovals: true, screening.KillAsync, screening.StartAsync),
    new($"RabbitMQ stopped {outage.TotalSeconds:F0} s", DuringApprovals: true,
        async () => { await Infra.StopBrokerAsync(); await Task.Delay(outage); }, Infra.StartBrokerAsync),
    new("PostgreSQL crash and restart", DuringApprovals: true, Infra.StopPostgresAsync, Infra.StartPostgresAsync),
    new("Scheduling down for a backlog of approvals; a serious adverse event on the last course, whose hold may arrive before it",
        DuringApprovals: false, scheduling.KillAsync, scheduling.StartAsync, BreakFirst: true, HoldOnLastCourse: true),
    new($"PostgreSQL down {databaseOutage.TotalSeconds:F0} s during the consumers' backlog", DuringApprovals: false,
        async () => { await Infra.StopPostgresAsync(); await Task.Delay(databaseOutage); }, Infra.StartPostgresAsync),
    new("every approval delivered again, twice or more, newest first", DuringApprovals: false,
        redelivery.CaptureAsync, redelivery.RedeliverAsync, BreakFirst: true, Injected: () => redelivery.Injected),
    // Scheduling's link to everything (its database, its broker, its clients) slowed, lossy and cut (Network.cs); only
    // where the suite could give it a network namespace.
    .. Network.Namespace is null ? [] : new Fault[]
    {
        NetworkFault($"network: 200 ms more per round trip between Scheduling and its database and broker for {outage.TotalSeconds:F0} s",
            name => network.DelayAsync(name, TimeSpan.FromMilliseconds(100), outage)),
        NetworkFault($"network: 5 % of Scheduling's packets lost each way for {outage.TotalSeconds:F0} s", name => network.DropAsync(name, 5, outage)),
        NetworkFault($"network: Scheduling partitioned from everything for {outage.TotalSeconds:F0} s", name => network.DropAsync(name, 100, outage)),
    },
    // Last: from here on Integration runs as two nodes competing for every message.
    new("kill -9 the Integration node that leads the daemon (two nodes)", DuringApprovals: true, leader.KillLeaderAsync, leader.RestartAsync),
];
Fault NetworkFault(string name, Func<string, Task> breakAsync) => new(name, DuringApprovals: true, () => breakAsync(name), network.HealAsync);

// --only <text>: the fault kinds whose name contains it, e.g. --only backlog for the two backlog cases at 5,000 approvals.
var only = Array.IndexOf(args, "--only") is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
kinds = [.. kinds.Where(k => only is null || k.Name.Contains(only, StringComparison.OrdinalIgnoreCase))];
var drill = new RestoreDrill(clinic, [screening, scheduling, integration, integrationTwin]);
// Not in --short (CI): the drill takes about 100 s on two cores (24 s of traffic, a base backup, two restores, the
// services started again), over the minute it may add there; --only restore runs it alone.
var drills = only is null ? !quick
    : "restore".Contains(only, StringComparison.OrdinalIgnoreCase) || RestoreDrill.Name.Contains(only, StringComparison.OrdinalIgnoreCase);

var results = new List<PhaseResult>();
var acknowledged = new ConcurrentDictionary<Guid, Guid>();
for (var cycle = 1; cycle <= cycles; cycle++)
{
    foreach (var fault in kinds)
    {
        Suite.Line($"cycle {cycle}/{cycles}: {fault.Name}: preparing {perPhase} screenings");
        var screenings = new ConcurrentBag<Guid>();
        await Parallel.ForEachAsync(Enumerable.Range(0, perPhase), new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (_, ct) => screenings.Add(await clinic.ReadyScreeningAsync(ct)));
        var result = await Suite.PhaseAsync(clinic, bookings, fault, [.. screenings], acknowledged);
        results.Add(result);
        Suite.Line($"cycle {cycle}/{cycles}: {fault.Name}: {result.Acknowledged} acknowledged ({result.AcknowledgedDuringFault} during the fault), "
            + $"{result.MissingAtEnd} missing once restored, {result.Lost} lost; {result.Booked} preparation sessions booked, {result.BookingsLost} lost; the restore took {result.RestoreSeconds:F1} s; from its start, first missing course back after {result.BackSeconds:F1} s, all after {result.AllSeconds:F1} s");
    }

    if (drills)
    {
        Suite.Line($"cycle {cycle}/{cycles}: {RestoreDrill.Name}: {perPhase} approvals over 24 s");
        results.Add(await drill.RunAsync(perPhase, acknowledged));
    }
}

var duplicates = await Suite.DuplicatesAsync(acknowledged.Count, bookings.Acknowledged.Count);
Suite.Line($"duplicated effects: {duplicates.Total} ({duplicates.Describe})");
if (leader.Takeovers.Count > 0)
{
    Suite.Line(string.Create(CultureInfo.InvariantCulture,
        $"daemon leader takeovers: {leader.Takeovers.Count}, seconds from the kill to the other node holding its locks: max {leader.Takeovers.Max():F1} (goal 10)"));
}

if (drill.Summary is { } d)
{
    // The drill's row in the table counts the approvals acknowledged before T (and the probe after the restore);
    // those after T are past the restore point: lost by design, not by the platform.
    Suite.Line(string.Create(CultureInfo.InvariantCulture,
        $"restore drill (last cycle): RTO {d.RtoSeconds:F1} s (restore {d.RestoreSeconds:F1} s); RPO to T: {d.Before} acknowledged before T kept; "
        + $"to the latest archived WAL: {d.LostAtLatest} acknowledged approvals lost ({d.RpoSeconds:F1} s of work; the archive was {d.ArchiveBehindSeconds:F1} s behind at the loss); "
        + $"past the restore point: {d.After} ({d.AfterKept} kept); courses without their approval: {d.Orphans}"));
}

Console.WriteLine();
Console.WriteLine("| fault | hard faults | redeliveries | approvals acknowledged (during the fault) | missing once restored | lost | sessions booked (lost) | restore took, s (max) | first missing course back, s (p50 / max) | all back, s (p50 / max) |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
foreach (var kind in results.GroupBy(r => r.Fault))
{
    var back = kind.Where(r => r.MissingAtEnd > 0).Select(r => r.BackSeconds).Order().ToList();
    var all = kind.Select(r => r.AllSeconds).Order().ToList();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {kind.Key} | {kind.Sum(r => r.HardFaults)} | {kind.Sum(r => r.Redeliveries)} | {kind.Sum(r => r.Acknowledged)} ({kind.Sum(r => r.AcknowledgedDuringFault)}) | {kind.Sum(r => r.MissingAtEnd)} | {kind.Sum(r => r.Lost)} | {kind.Sum(r => r.Booked)} ({kind.Sum(r => r.BookingsLost)}) | {kind.Max(r => r.RestoreSeconds):F1} | {(back.Count == 0 ? "none missing" : $"{back[(back.Count - 1) / 2]:F1} / {back[^1]:F1}")} | {all[(all.Count - 1) / 2]:F1} / {all[^1]:F1} |"));
}

var readings = await network.ReadingsAsync();
if (readings.Count > 0)
{
    // Read inside Scheduling's namespace every second: a partitioned node must say "not ready" once its checks time
    // out (Readiness.Notice), a slow or lossy one that still works must go on saying "ready".
    Console.WriteLine();
    Console.WriteLine("| network fault on Scheduling | readiness answers during it: ready / not ready / no answer in 5 s | first \"not ready\", s after the fault began | \"ready\" again, s after the heal | truthful | checks not healthy during it | after the heal, until \"ready\" |");
    Console.WriteLine("|---|---|---|---|---|---|---|");
    foreach (var r in readings)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {r.Fault} | {r.Ready} / {r.NotReady} / {r.NoAnswer} | {(r.FirstNotReadySeconds is { } first ? $"{first:F1}" : "never")} | {(r.ReadyAgainSeconds is { } again ? $"{again:F1}" : "not within 5 min")} | {(r.Truthful ? "yes" : $"no ({r.Untrue} untrue)")} | {string.Join("; ", r.Failing)} | {string.Join("; ", r.FailingAfterHeal)} |"));
    }
}

var untruthful = readings.Count(r => !r.Truthful);
var lost = results.Sum(r => r.Lost + r.BookingsLost);
Console.WriteLine();
// A redelivered message tests idempotency, not recovery: counted apart, so the hard faults (kills, outages) are not
// hidden in a thousand copies.
Console.WriteLine($"hard faults {results.Sum(r => r.HardFaults)}, redeliveries {results.Sum(r => r.Redeliveries)}, approvals acknowledged {acknowledged.Count}, preparation sessions booked {bookings.Acknowledged.Count}, lost {lost}, duplicated {duplicates.Total}, network faults with untruthful readiness {untruthful}");
await File.WriteAllTextAsync(Path.Combine(Suite.LogFolder, "faults.json"), JsonSerializer.Serialize(new { results, duplicates.Total, duplicates.Describe }));
return lost == 0 && duplicates.Total == 0 && untruthful == 0 ? 0 : 1;

/// <summary>
/// A fault: broken a third of the way through the approvals, or after them (a backlog), or before them (BreakFirst:
/// the whole burst queues up); HoldOnLastCourse records a serious adverse event on the newest course before the restore.
/// Injected counts the faults one phase injects when it is more than one (each redelivered message).
/// </summary>
internal sealed record Fault(
    string Name, bool DuringApprovals, Func<Task> BreakAsync, Func<Task> RestoreAsync, bool BreakFirst = false, bool HoldOnLastCourse = false,
    Func<int>? Injected = null);

/// <param name="Redelivered">Whether the phase's faults are redelivered messages rather than a kill or an outage.</param>
internal sealed record PhaseResult(
    string Fault, int Injected, bool Redelivered, int Acknowledged, int AcknowledgedDuringFault, int MissingAtEnd, int Lost, int Booked,
    int BookingsLost, double RestoreSeconds, double BackSeconds, double AllSeconds)
{
    public int HardFaults => Redelivered ? 0 : Injected;

    public int Redeliveries => Redelivered ? Injected : 0;
}

/// <summary>
/// A preparation session for every approved course, booked as soon as the approval is answered (while the fault
/// strikes), each in a slot of its own: seat i % seats, hour i / seats from the day after tomorrow, so no two
/// bookings compete for a person or a room and every refusal is a finding.
/// </summary>
internal sealed class Bookings(Clinic clinic, IReadOnlyList<(Guid Therapist, Guid Room)> seats)
{
    private readonly DateTimeOffset from = new(DateTime.UtcNow.Date.AddDays(2), TimeSpan.Zero);
    private int next;

    /// <summary>Course id to the session id its booking was answered with.</summary>
    public ConcurrentDictionary<Guid, Guid> Acknowledged { get; } = new();

    public Task BookAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var slot = Interlocked.Increment(ref next) - 1;
        var start = from.AddHours(slot / seats.Count);
        return Task.Run(
            async () =>
            {
                try
                {
                    Acknowledged[courseId] = await clinic.BookPreparationAsync(courseId, seats[slot % seats.Count], start, cancellationToken);
                }
                catch (InvalidOperationException refused)
                {
                    // Counted with the lost ones: every booking here is one the platform should accept.
                    Suite.Line($"booking for course {courseId} refused: {refused.Message}");
                }
            },
            cancellationToken);
    }
}

internal sealed record Duplicates(long Total, string Describe);

internal static class Suite
{
    public static readonly string Repository = FindRepository();

    public static readonly string LogFolder = Path.Combine(Repository, "artifacts", "faults");

    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    public static void Line(string text) => Console.WriteLine($"[faults {(int)Clock.Elapsed.TotalMinutes:00}:{Clock.Elapsed:ss}] {text}");

    public static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    /// <summary>A service as its own database role and broker user, as every deployment runs it.</summary>
    /// <param name="node">Which node of the service: each has its own port and names itself to PostgreSQL.</param>
    public static ServiceProcess Service(string name, int node = 1)
    {
        var suffix = node == 1 ? string.Empty : $"_{node}";
        var port = int.Parse(Env($"FAULTS_{name.ToUpperInvariant()}{suffix}_PORT"), CultureInfo.InvariantCulture);
        var folder = char.ToUpperInvariant(name[0]) + name[1..];
        var assembly = Path.Combine(Repository, "services", folder, folder + ".Api", "bin", "Release", "net10.0", folder + ".Api.dll");
        var nodeName = node == 1 ? name : $"{name}-{node}";
        // Scheduling in the suite's network namespace (the network faults), reaching the servers through the relays
        // on the host's end of its link.
        var network = name == "scheduling" && Network.Namespace is { } ns ? (ns, Env("FAULTS_NETNS_NODE")) : ((string, string)?)null;
        var (postgres, amqp) = (int.Parse(Env("PGPORT"), CultureInfo.InvariantCulture), int.Parse(Env("AMQP_PORT"), CultureInfo.InvariantCulture));
        var (servers, postgresPort, amqpPort) = network is null ? ("127.0.0.1", postgres, amqp) : (Env("FAULTS_NETNS_HOST"), Network.Relay(postgres), Network.Relay(amqp));
        return new ServiceProcess(nodeName, assembly, port, new Dictionary<string, string> {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__Postgres"] =
                $"Host={servers};Port={postgresPort};Database={Env("FAULTS_DATABASE")};Username={name};Password=kap-{name}-local;Application Name={nodeName}",
            ["ConnectionStrings__RabbitMq"] = $"amqp://{name}:kap-{name}-local@{servers}:{amqpPort}/",
            ["Logging__LogLevel__Default"] = "Warning",
        }, network);
    }

    /// <summary>
    /// Approvals of every screening, four at a time; the fault strikes a third of the way through (or, for a backlog
    /// fault, once every approval is acknowledged). Timing starts when the restore begins; once it is done every
    /// acknowledged course is watched until it is in both services: "back" is the first course that was still missing
    /// then (the consumers and the relay resuming), "all" the last one.
    /// </summary>
    public static async Task<PhaseResult> PhaseAsync(
        Clinic clinic, Bookings bookings, Fault fault, IReadOnlyList<Guid> screenings, ConcurrentDictionary<Guid, Guid> acknowledged)
    {
        var phase = new ConcurrentDictionary<Guid, Guid>();
        var booking = new ConcurrentBag<Task>();
        // Limits that grow with the burst (5,000 approvals take minutes on two cores); bookings wait for Scheduling,
        // which a backlog fault keeps down until the restore, so they get longer.
        using var bookingLimit = new CancellationTokenSource(TimeSpan.FromSeconds(Math.Max(600, screenings.Count * 0.5)));
        var third = new TaskCompletionSource();
        var ended = new Stopwatch();
        if (fault.BreakFirst)
        {
            await fault.BreakAsync();
        }

        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(Math.Max(300, screenings.Count * 0.3)));
        var approvals = Parallel.ForEachAsync(screenings, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = limit.Token },
            async (screening, ct) =>
            {
                var course = phase[screening] = await clinic.ApproveAsync(screening, ct);
                booking.Add(bookings.BookAsync(course, bookingLimit.Token));
                if (phase.Count >= screenings.Count / 3)
                {
                    third.TrySetResult();
                }
            });
        await (fault.DuringApprovals ? Task.WhenAny(third.Task, approvals) : approvals);
        var acknowledgedBefore = fault.BreakFirst ? 0 : phase.Count;
        if (!fault.BreakFirst)
        {
            await fault.BreakAsync();
        }

        Guid? held = null;
        if (fault.HoldOnLastCourse)
        {
            await approvals;
            held = phase.Values.Last();
            await clinic.SeriousAdverseEventAsync(held.Value);
        }

        ended.Restart();
        await fault.RestoreAsync();
        var restored = ended.Elapsed.TotalSeconds;
        var acknowledgedDuring = phase.Count - acknowledgedBefore;

        var missingAtEnd = new HashSet<Guid>();
        foreach (var course in phase.Values)
        {
            if (!await InBothAsync(clinic, course))
            {
                missingAtEnd.Add(course);
            }
        }

        var seen = new HashSet<Guid>(phase.Values.Except(missingAtEnd));
        double? back = null, all = ended.Elapsed.TotalSeconds; // nothing missing: all were back by this first look
        while (ended.Elapsed < TimeSpan.FromSeconds(Math.Max(180, screenings.Count * 0.1)))
        {
            var done = approvals.IsCompleted;
            foreach (var course in phase.Values.Where(c => !seen.Contains(c)).ToList())
            {
                if (await InBothAsync(clinic, course))
                {
                    seen.Add(course);
                    all = ended.Elapsed.TotalSeconds;
                    back ??= missingAtEnd.Contains(course) ? all : null;
                }
            }

            if (done && seen.Count == phase.Count)
            {
                break;
            }

            await Task.Delay(100);
        }

        await approvals;
        await Task.WhenAll(booking);
        var bookingsLost = 0;
        foreach (var course in phase.Values)
        {
            if (!bookings.Acknowledged.TryGetValue(course, out var session) || !await clinic.HasSessionAsync(course, session))
            {
                bookingsLost++;
            }
        }

        var holdLost = held is { } heldCourse && !await Clinic.OnHoldInSchedulingAsync(clinic, heldCourse);
        if (holdLost)
        {
            Line($"the hold on course {held} did not reach Scheduling: dosing could be booked");
        }

        foreach (var (screening, course) in phase)
        {
            acknowledged[screening] = course;
        }

        return new PhaseResult(fault.Name, fault.Injected?.Invoke() ?? 1, fault.Injected is not null, phase.Count, acknowledgedDuring, missingAtEnd.Count, phase.Count - seen.Count + (holdLost ? 1 : 0), booking.Count, bookingsLost, restored, back ?? 0, all.Value);
    }

    /// <summary>Whether the course is open in both Scheduling and Integration.</summary>
    public static async Task<bool> InBothAsync(Clinic clinic, Guid course) =>
        await Clinic.HasCourseAsync(clinic.Scheduling, course) && await Clinic.HasCourseAsync(clinic.Integration, course);

    /// <summary>
    /// More than one effect of one approval anywhere: a screening approved twice, a course opened twice in a
    /// service, or a course in a service that no acknowledged approval asked for.
    /// </summary>
    public static async Task<Duplicates> DuplicatesAsync(int acknowledged, int booked)
    {
        await using var connection = new NpgsqlConnection(AdminConnection);
        await connection.OpenAsync();
        var parts = new List<string>();
        long total = 0;
        foreach (var (schema, type) in new[] { ("screening", "screening_approved"), ("scheduling", "course_opened"), ("integration", "course_outcome_opened") })
        {
            await using var command = new NpgsqlCommand(
                $"select count(*), count(distinct stream_id) from {schema}.mt_events where type = @type", connection);
            command.Parameters.AddWithValue("type", type);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            var (events, streams) = (reader.GetInt64(0), reader.GetInt64(1));
            var extra = events - streams + Math.Max(0, streams - acknowledged);
            total += extra;
            parts.Add($"{schema}: {events} {type} over {streams} streams");
        }

        // A booking applied twice is a second SessionBooked for one session id.
        await using (var sessions = new NpgsqlCommand(
            "select count(*), count(distinct data->>'SessionId') from scheduling.mt_events where type = 'session_booked'", connection))
        await using (var reader = await sessions.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            var (events, distinct) = (reader.GetInt64(0), reader.GetInt64(1));
            total += events - distinct + Math.Max(0, distinct - booked);
            parts.Add($"scheduling: {events} session_booked over {distinct} sessions");
        }

        return new Duplicates(total, string.Join("; ", parts) + $"; {acknowledged} approvals and {booked} bookings acknowledged");
    }

    public static string AdminConnection => $"Host=127.0.0.1;Port={Env("PGPORT")};Database={Env("FAULTS_DATABASE")};Username=postgres;Password=postgres";

    public static string Env(string name) =>
        Environment.GetEnvironmentVariable(name) ?? throw new InvalidOperationException($"{name} is not set: run deploy/fault-suite.sh");

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Run the fault suite from inside the repository.");
    }
}
