using System.Collections.Concurrent;
using System.Diagnostics;

namespace Platform.Testing;

/// <summary>
/// Counts the PostgreSQL round trips of one request or one consumed message: every command Npgsql sends (a batch is
/// one) under the trace the work carried, so requests and daemons running beside it are not counted. A count, not a
/// time: it does not depend on how busy the machine is. The access-audit writer's rows are left out: it writes the
/// rows of many requests in one shared transaction (its own test measures it).
/// </summary>
public sealed class RoundTrips : IDisposable
{
    private readonly ConcurrentQueue<(ActivityTraceId Trace, string Statement)> commands = new();
    private readonly ActivityListener listener;

    public RoundTrips()
    {
        listener = new ActivityListener {
            // MassTransit's activities too: they carry the trace from a publish to its consumer.
            ShouldListenTo = source => source.Name is "Npgsql" or "MassTransit",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                // A physical connection opened because the pool had none idle is the pool's business, not the
                // command's: whether one happens depends on what ran before (the pool's own figures are in the bench).
                if (activity.Source.Name == "Npgsql" && !activity.DisplayName.StartsWith("CONNECT", StringComparison.Ordinal))
                {
                    commands.Enqueue((activity.TraceId, Describe(activity)));
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
    }

    /// <summary>Sends <paramref name="request"/> under a new trace and answers the statements it ran, in order.</summary>
    public async Task<(HttpResponseMessage Response, IReadOnlyList<string> Statements)> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        var trace = ActivityTraceId.CreateRandom();
        request.Headers.Add("traceparent", $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return (response, Of(trace));
    }

    /// <summary>
    /// Runs <paramref name="publish"/> under a new trace (the bus carries it to the consumer) and answers the statements
    /// of that trace once one of them is the consumer's commit (<paramref name="commitMarker"/>).
    /// </summary>
    public async Task<IReadOnlyList<string>> ConsumedAsync(Func<Task> publish, string commitMarker)
    {
        ArgumentNullException.ThrowIfNull(publish);
        using var activity = new Activity("round-trips").SetIdFormat(ActivityIdFormat.W3C).Start();
        var trace = activity.TraceId;
        await publish();
        return await Eventually.Async(
            () => Task.FromResult(Of(trace) is var statements && statements.Any(s => s.Contains(commitMarker, StringComparison.Ordinal)) ? statements : null),
            what: "the consumer's commit");
    }

    /// <summary>Fails, listing the statements, when <paramref name="what"/> took more than <paramref name="budget"/> round trips.</summary>
    public static void AssertWithin(int budget, IReadOnlyList<string> statements, string what)
    {
        ArgumentNullException.ThrowIfNull(statements);
        Assert.True(statements.Count <= budget, $"{what}: {statements.Count} round trips, budget {budget}\n{string.Join("\n", statements)}");
    }

    public void Dispose() => listener.Dispose();

    private List<string> Of(ActivityTraceId trace) =>
        [.. commands.Where(c => c.Trace == trace && !c.Statement.Contains("access_audit", StringComparison.Ordinal)).Select(c => c.Statement)];

    private static string Describe(Activity activity)
    {
        var statement = activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement") ?? activity.DisplayName;
        var text = statement.ToString() ?? "";
        return text.Length <= 200 ? text : text[..200] + "...";
    }
}
