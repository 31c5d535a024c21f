using System.Diagnostics;
using System.Globalization;
using Integration.Api;
using Integration.Api.Courses;
using Platform.Contracts;
using Platform.Testing;

// Outbox relay benchmark: how long an integration event takes from the commit of the command that produced it to a
// consumer on RabbitMQ, against a baseline run in the same process: the same messages published straight to the bus
// (what an endpoint that published directly, without durability, would cost). Usage:
//   eval "$(deploy/local-infra.sh env)" && dotnet run -c Release --project bench/Outbox.Bench -- [events=500]
// WebApplicationFactory finds a service's content root from attributes only test projects get; name it here.
var repository = new DirectoryInfo(AppContext.BaseDirectory);
while (!File.Exists(Path.Combine(repository.FullName, "Platform.sln")))
{
    repository = repository.Parent ?? throw new InvalidOperationException("Run the benchmark from inside the repository.");
}

Environment.SetEnvironmentVariable(
    "ASPNETCORE_TEST_CONTENTROOT_INTEGRATION_API", Path.Combine(repository.FullName, "services", "Integration", "Integration.Api"));

var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;
var prefix = ServiceHost.NewEntityPrefix();
await using var listener = await TestBus.StartAsync(prefix, typeof(SafetyHoldPlaced));
await using var service = await ServiceHost.StartAsync<IntegrationServiceMarker>(prefix);
Console.WriteLine($"outbox bench: {count} events per run, PostgreSQL + RabbitMQ on loopback");

var baseline = await RunAsync("baseline: direct publish", async hold =>
    await listener.PublishAsync(new SafetyHoldPlaced(hold.CourseId, hold.PatientId, hold.HoldId, hold.Trigger, hold.Reason, hold.PlacedAt), Guid.NewGuid()));

var relay = await RunAsync("outbox: commit, relay, publish", async hold =>
{
    await using var session = service.Store.LightweightSession();
    session.Events.StartStream(hold.CourseId, hold);
    await session.SaveChangesAsync();
});

Console.WriteLine();
Console.WriteLine("| path | events/s | p50 ms | p95 ms | p99 ms |");
Console.WriteLine("|---|---|---|---|---|");
foreach (var r in new[] { baseline, relay })
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {r.Name} | {r.PerSecond:F0} | {r.P50:F1} | {r.P95:F1} | {r.P99:F1} |"));
}

async Task<Result> RunAsync(string name, Func<HoldPlaced, Task> produce)
{
    var holds = Enumerable.Range(0, count).Select(_ => new HoldPlaced(
        Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), SafetyHoldTrigger.AdverseEvent, "bench", Guid.NewGuid(), DateTimeOffset.UtcNow)).ToList();
    var sentAt = new Dictionary<Guid, long>();
    var clock = Stopwatch.StartNew();
    foreach (var hold in holds)
    {
        sentAt[hold.HoldId] = clock.ElapsedTicks;
        await produce(hold);
    }

    var wanted = holds.Select(h => h.HoldId).ToHashSet();
    var arrived = new Dictionary<Guid, long>();
    while (arrived.Count < wanted.Count)
    {
        foreach (var m in listener.Received<SafetyHoldPlaced>())
        {
            if (wanted.Contains(m.Message.HoldId) && !arrived.ContainsKey(m.Message.HoldId))
            {
                arrived[m.Message.HoldId] = clock.ElapsedTicks;
            }
        }

        if (clock.Elapsed > TimeSpan.FromMinutes(5))
        {
            throw new TimeoutException($"{name}: only {arrived.Count} of {count} arrived");
        }

        await Task.Delay(5);
    }

    var latencies = holds.Select(h => (arrived[h.HoldId] - sentAt[h.HoldId]) * 1000.0 / Stopwatch.Frequency).Order().ToList();
    var total = (arrived.Values.Max() - sentAt.Values.Min()) / (double)Stopwatch.Frequency;
    Console.WriteLine($"{name}: done in {total:F2} s");
    return new Result(name, count / total, Percentile(latencies, 0.50), Percentile(latencies, 0.95), Percentile(latencies, 0.99));
}

static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];

internal sealed record Result(string Name, double PerSecond, double P50, double P95, double P99);
