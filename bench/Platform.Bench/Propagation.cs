using Marten.Services;
using MassTransit;
using Platform.Messaging;

namespace Platform.Bench;

/// <summary>
/// Marks the instant the consuming service commits a message's effect: the processed-message marker is written in
/// the same transaction as the consumer's events, so its commit is the end of the path being measured.
/// </summary>
internal sealed class CommitProbe : DocumentSessionListenerBase
{
    private readonly ConcurrentDictionary<Guid, long> committed = new();

    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        var now = Clock.Now;
        foreach (var marker in commit.Inserted.OfType<ProcessedMessage>())
        {
            if (Guid.TryParse(marker.Id[(marker.Id.IndexOf(':', StringComparison.Ordinal) + 1)..], out var messageId))
            {
                committed.TryAdd(messageId, now);
            }
        }

        return Task.CompletedTask;
    }

    public bool TryGet(Guid messageId, out long at) => committed.TryGetValue(messageId, out at);
}

/// <summary>
/// A safety hold placed in Integration until Scheduling has committed it (the path issue 12 is about), open loop
/// at a fixed rate, per outbox delivery mode; and the same load published straight to RabbitMQ as the baseline.
/// </summary>
internal static class Propagation
{
    public sealed record Result(string Mode, Samples Latency, int Lost)
    {
        public (Samples Sequential, double PerSecond)? ConsumerWork { get; init; }
    }

    /// <summary>The first seconds pay for JIT, connection pools and the daemon taking its lock; they are not measured.</summary>
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(3);

    public static async Task<Result> OutboxAsync(string mode, double rate, TimeSpan duration)
    {
        Hosts.UseDelivery(mode);
        var prefix = ServiceHost.NewEntityPrefix();
        var probe = new CommitProbe();
        await using var scheduling = await Hosts.SchedulingAsync(prefix, s => Observe(s, probe));
        await using var integration = await Hosts.IntegrationAsync(prefix);
        var courses = await SeedCoursesAsync(scheduling, (int)(rate * (duration + Warmup).TotalSeconds) + 10);

        var committedAt = new ConcurrentDictionary<Guid, long>();
        var startedAt = new ConcurrentDictionary<Guid, long>();
        async Task PlaceHoldAsync(int i)
        {
            var begun = Clock.Now;
            var hold = await CommitHoldAsync(integration, courses[i]);
            committedAt[hold.Id] = Clock.Now;
            startedAt[hold.Id] = begun;
        }

        var (latency, lost) = await MeasureAsync($"propagation {mode}", rate, duration, probe, scheduling, committedAt, PlaceHoldAsync);
        if (Environment.GetEnvironmentVariable("BENCH_DEBUG") is not null)
        {
            var rows = committedAt.Select(kv => (Start: startedAt[kv.Key], Commit: kv.Value, Consumed: probe.TryGet(kv.Key, out var c) ? c : 0)).OrderBy(r => r.Start).ToList();
            var t0 = rows[0].Start;
            foreach (var r in rows.Where((_, n) => n % (rows.Count / 20) == 0))
            {
                Console.WriteLine($"debug start {Clock.Ms(t0, r.Start):F0} commit+{Clock.Ms(r.Start, r.Commit):F0} consumed+{Clock.Ms(r.Commit, r.Consumed):F0}");
            }
        }
        return new Result(mode, latency, lost);
    }

    /// <summary>
    /// The baseline, like with like: the same commit in Integration as <see cref="OutboxAsync"/>, then the same
    /// message published by Integration's own bus straight after it, awaited. The outbox is switched off in that
    /// host (its map keeps every event private), so the difference to the outbox modes is the delivery alone.
    /// </summary>
    public static async Task<Result> DirectAsync(double rate, TimeSpan duration)
    {
        var prefix = ServiceHost.NewEntityPrefix();
        var probe = new CommitProbe();
        await using var scheduling = await Hosts.SchedulingAsync(prefix, s => Observe(s, probe));
        await using var integration = await Hosts.IntegrationAsync(prefix, s => s.AddSingleton<IIntegrationEventMap, NoMessages>());
        var bus = integration.Services.GetRequiredService<IBus>();
        var courses = await SeedCoursesAsync(scheduling, (int)(rate * (duration + Warmup).TotalSeconds) + 10);
        var committedAt = new ConcurrentDictionary<Guid, long>();
        async Task CommitThenPublishAsync(int i)
        {
            var hold = await CommitHoldAsync(integration, courses[i]);
            committedAt[hold.Id] = Clock.Now;

            // The message the relay would send: Integration's own map, addressed as the relay addresses it.
            var message = Map.ToContracts(hold).Single();
            await bus.Publish(message, message.GetType(), context => OutboxRelay.Address(context, hold), CancellationToken.None);
        }

        var (latency, lost) = await MeasureAsync("direct publish", rate, duration, probe, scheduling, committedAt, CommitThenPublishAsync);
        var consumerWork = await ConsumerWorkAsync(scheduling, await SeedCoursesAsync(scheduling, 1_200));
        return new Result("direct", latency, lost) { ConsumerWork = consumerWork };
    }

    private static readonly IntegrationEventMap Map = new();

    /// <summary>A safety hold placed in Integration on a new course stream, committed; the stored event.</summary>
    private static async Task<JasperFx.Events.IEvent> CommitHoldAsync(ServiceHost<IntegrationServiceMarker> integration, Guid course)
    {
        var hold = new HoldPlaced(course, Guid.NewGuid(), Guid.NewGuid(), SafetyHoldTrigger.AdverseEvent, "bench", Guid.NewGuid(), DateTimeOffset.UtcNow);
        await using var session = integration.Store.LightweightSession(ClinicScope.Development);
        var stream = session.Events.StartStream(course, hold);
        await session.SaveChangesAsync();
        return stream.Events[0];
    }

    private sealed class NoMessages : IIntegrationEventMap
    {
        public IReadOnlyList<object> ToContracts(JasperFx.Events.IEvent @event) => [];
    }

    /// <summary>
    /// Sends at <paramref name="rate"/> (<paramref name="send"/> takes the message's index and stamps its id and send
    /// time in <paramref name="stampedAt"/>): the warm-up first, unmeasured, then <paramref name="duration"/> measured
    /// from each stamp to the commit the probe saw in Scheduling, with Scheduling's database profiled meanwhile.
    /// </summary>
    private static async Task<(Samples Latency, int Lost)> MeasureAsync(
        string label, double rate, TimeSpan duration, CommitProbe probe, ServiceHost<SchedulingServiceMarker> scheduling,
        ConcurrentDictionary<Guid, long> stampedAt, Func<int, Task> send)
    {
        await Load.OpenLoopAsync(rate, Warmup, send, $"{label} warm-up");
        await WaitForAsync(probe, [.. stampedAt.Keys], TimeSpan.FromSeconds(30));
        var offset = (int)(rate * Warmup.TotalSeconds);
        stampedAt.Clear();

        await using var sampler = await Sampler.StartAsync(Hosts.DatabaseOf(scheduling.Postgres));
        await Load.OpenLoopAsync(rate, duration, i => send(offset + i), label);
        var lost = await WaitForAsync(probe, [.. stampedAt.Keys], TimeSpan.FromSeconds(60));
        Progress.Line($"{label} profile (Scheduling's database): {await sampler.StopAsync()}");
        var latency = new Samples();
        foreach (var (id, at) in stampedAt)
        {
            if (probe.TryGet(id, out var consumed))
            {
                latency.Add(Clock.Ms(at, consumed));
            }
        }

        Progress.Line($"{label}: {latency.Describe()}, not arrived {lost}");
        return (latency, lost);
    }

    /// <summary>
    /// What the Scheduling consumer does with a safety hold, minus RabbitMQ: load the processed marker, fetch and
    /// decide the course, append, commit. Sequential, then with 8 at once: the consumer's ceiling on this machine.
    /// </summary>
    private static async Task<(Samples Sequential, double PerSecond)> ConsumerWorkAsync(ServiceHost<SchedulingServiceMarker> scheduling, Guid[] courses)
    {
        var protocol = scheduling.Services.GetRequiredService<SchedulingProtocol>();
        var sessions = scheduling.Services.GetRequiredService<ISessionFactory>();
        var sequential = new Samples();
        var (load, fetch, commit) = (new Samples(), new Samples(), new Samples());
        var measuring = true;
        async Task HoldAsync(int i)
        {
            var started = Clock.Now;
            var key = $"SafetyHoldPlaced:{Guid.NewGuid()}";
            using var clinic = ClinicScope.Enter(ClinicScope.Development);
            await using var session = sessions.OpenSession();
            var marker = await session.LoadAsync<ProcessedMessage>(key);
            var loaded = Clock.Now;
            session.Insert(new ProcessedMessage(key, nameof(SafetyHoldPlaced), DateTimeOffset.UtcNow));
            var now = DateTimeOffset.UtcNow;
            var (decision, _) = await Platform.Commands.StreamDecisions.DecideAsync<TreatmentCourse>(
                session, courses[i], null, state => ApplySafetyHold.Decide(new ApplySafetyHold(Guid.NewGuid(), "bench", now), state, Platform.Commands.ClinicTime.At(now, protocol.ResolveTimeZone()), protocol), default);
            BookingLedger.Queue(session, decision.Events);
            var decided = Clock.Now;
            await session.SaveChangesAsync();
            if (measuring && marker is null)
            {
                load.Add(Clock.Ms(started, loaded));
                fetch.Add(Clock.Ms(loaded, decided));
                commit.Add(Clock.Ms(decided, Clock.Now));
                sequential.Add(Clock.Ms(started, Clock.Now));
            }
        }

        for (var i = 0; i < 400; i++)
        {
            await HoldAsync(i);
        }

        measuring = false;
        var (done, seconds) = await Load.ClosedLoopAsync(8, 800, i => HoldAsync(400 + i), "consumer work");
        Progress.Line($"consumer work without RabbitMQ: sequential {sequential.Describe()}; 8 at once {done / seconds:F0}/s");
        Progress.Line(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"  p50 of its steps: load marker {load.Percentile(0.5):F1} ms, fetch + decide {fetch.Percentile(0.5):F1} ms, commit {commit.Percentile(0.5):F1} ms"));
        return (sequential, done / seconds);
    }

    private static void Observe(IServiceCollection services, CommitProbe probe) =>
        services.ConfigureMarten(o => o.Listeners.Add(probe));

    private static async Task<int> WaitForAsync(CommitProbe probe, Guid[] ids, TimeSpan timeout)
    {
        var deadline = Clock.Now + (long)(timeout.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        while (true)
        {
            var missing = ids.Count(id => !probe.TryGet(id, out _));
            if (missing == 0 || Clock.Now > deadline)
            {
                return missing;
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Open courses in Scheduling, written as the approval consumer would write them, in batches.</summary>
    public static async Task<Guid[]> SeedCoursesAsync(ServiceHost<SchedulingServiceMarker> scheduling, int count)
    {
        var protocol = scheduling.Services.GetRequiredService<SchedulingProtocol>();
        var now = DateTimeOffset.UtcNow;
        var ids = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToArray();
        foreach (var batch in ids.Chunk(500))
        {
            await using var session = scheduling.Store.LightweightSession(ClinicScope.Development);
            foreach (var id in batch)
            {
                var decision = OpenCourse.Decide(new OpenCourse(PatientApprovedForTreatmentV2.From(Approval(id, now))), null, Platform.Commands.ClinicTime.At(now, protocol.ResolveTimeZone()), protocol);
                session.Events.StartStream<TreatmentCourse>(id, [.. decision.Events]);
            }

            await session.SaveChangesAsync();
        }

        return ids;
    }

    public static PatientApprovedForTreatment Approval(Guid courseId, DateTimeOffset now) => new(
        courseId, Guid.NewGuid(), Guid.NewGuid(), Indication.TreatmentResistantDepression, TreatmentRoute.IvKetamine,
        [], [], 72.5m, now, now.AddYears(1), "bench");
}
