namespace Platform.Bench;

/// <summary>
/// Events per second at saturation: a backlog of committed events drained by the relay, against the same number
/// of messages published straight to the bus with as many in flight as the relay keeps (a page of 100).
/// Both are timed from the first to the last arrival at one listener, so start-up and detection are left out.
/// </summary>
internal static class Throughput
{
    public static async Task<(double Relay, double Direct)> RunAsync(int count)
    {
        var prefix = ServiceHost.NewEntityPrefix();
        await using var listener = await TestBus.StartAsync(prefix, typeof(SafetyHoldPlaced));
        await using var integration = await Hosts.IntegrationAsync(prefix);

        var direct = await MeasureAsync(listener, count, "direct publish saturation", async ids =>
            await Load.ClosedLoopAsync(100, ids.Length, i => listener.PublishAsync(Hold(ids[i]), Guid.NewGuid()), "direct publish saturation"));

        var relay = await MeasureAsync(listener, count, "relay saturation", async ids =>
        {
            // Committed in bulk (COPY), so the whole backlog is there before the relay starts on it.
            await using var session = integration.Store.LightweightSession(ClinicScope.Development);
            var streams = ids.Select(id => session.Events.StartStream(id, new HoldPlaced(
                id, Guid.NewGuid(), Guid.NewGuid(), SafetyHoldTrigger.AdverseEvent, "bench", Guid.NewGuid(), DateTimeOffset.UtcNow))).ToList();
            await integration.Store.BulkInsertEventsAsync(streams);
        });

        return (relay, direct);
    }

    private static SafetyHoldPlaced Hold(Guid courseId) =>
        new(courseId, Guid.NewGuid(), Guid.NewGuid(), SafetyHoldTrigger.AdverseEvent, "bench", DateTimeOffset.UtcNow);

    private static async Task<double> MeasureAsync(TestBus listener, int count, string label, Func<Guid[], Task> produce)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToArray();
        var wanted = ids.ToHashSet();
        var arrivals = new ConcurrentBag<long>();
        var seen = new HashSet<Guid>();
        var producing = produce(ids);
        var deadline = Clock.Now + (300 * System.Diagnostics.Stopwatch.Frequency);
        var lastReport = Clock.Now;
        var consumedUpTo = 0;
        while (seen.Count < count && Clock.Now < deadline)
        {
            var received = listener.Received<SafetyHoldPlaced>();
            var now = Clock.Now;
            for (var i = consumedUpTo; i < received.Count; i++)
            {
                if (wanted.Contains(received[i].Message.CourseId) && seen.Add(received[i].Message.CourseId))
                {
                    arrivals.Add(now);
                }
            }

            consumedUpTo = received.Count;
            if (Clock.Ms(lastReport, now) > 5000)
            {
                lastReport = now;
                Progress.Line($"{label}: {seen.Count}/{count} arrived");
            }

            await Task.Delay(20);
        }

        await producing;
        var first = arrivals.Min();
        var last = arrivals.Max();
        var perSecond = (seen.Count - 1) / (Clock.Ms(first, last) / 1000);
        Progress.Line($"{label}: {seen.Count}/{count} arrived, {perSecond:F0} events/s");
        return perSecond;
    }
}
