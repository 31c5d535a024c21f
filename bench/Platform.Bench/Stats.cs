using System.Diagnostics;

namespace Platform.Bench;

/// <summary>Latency samples in milliseconds; percentiles by the nearest-rank method.</summary>
internal sealed class Samples
{
    private readonly ConcurrentBag<double> values = [];

    public int Count => values.Count;

    public void Add(double milliseconds) => values.Add(milliseconds);

    public double Percentile(double p)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[(int)Math.Clamp(Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"n={Count} p50={Percentile(0.50):F1} ms p95={Percentile(0.95):F1} ms p99={Percentile(0.99):F1} ms max={Percentile(1):F1} ms");
}

internal static class Clock
{
    private static readonly Stopwatch Watch = Stopwatch.StartNew();

    public static long Now => Watch.ElapsedTicks;

    public static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;
}

internal static class Load
{
    /// <summary>
    /// Open loop: operation i starts at start + i/rate whether or not earlier ones have finished, and its latency
    /// counts from that scheduled instant, so time spent queueing behind a slow system is measured, not hidden.
    /// </summary>
    public static async Task<Samples> OpenLoopAsync(double perSecond, TimeSpan duration, Func<int, Task> operation, string label)
    {
        var samples = new Samples();
        var total = (int)(perSecond * duration.TotalSeconds);
        var running = new List<Task>(total);
        var start = Clock.Now;
        var ticksPer = Stopwatch.Frequency / perSecond;
        var lastReport = start;
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)(i * ticksPer);
            var wait = Clock.Ms(Clock.Now, due);
            if (wait > 1)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(wait));
            }

            var n = i;
            running.Add(Task.Run(async () =>
            {
                await operation(n);
                samples.Add(Clock.Ms(due, Clock.Now));
            }));
            if (Clock.Ms(lastReport, Clock.Now) > 5000)
            {
                lastReport = Clock.Now;
                Progress.Line($"{label}: {i + 1}/{total} sent");
            }
        }

        await Task.WhenAll(running);
        return samples;
    }

    /// <summary>Closed loop with a fixed number of workers: the rate the system sustains at that concurrency.</summary>
    public static async Task<(int Done, double Seconds)> ClosedLoopAsync(int workers, int total, Func<int, Task> operation, string label)
    {
        var next = -1;
        var start = Clock.Now;
        var lastReport = start;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < total)
            {
                await operation(i);
                if (i % 500 == 0 && Clock.Ms(Interlocked.Read(ref lastReport), Clock.Now) > 5000)
                {
                    Interlocked.Exchange(ref lastReport, Clock.Now);
                    Progress.Line($"{label}: {i}/{total}");
                }
            }
        })));
        return (total, Clock.Ms(start, Clock.Now) / 1000);
    }
}

internal static class Progress
{
    private static readonly Stopwatch Since = Stopwatch.StartNew();

    public static void Line(string text) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{Since.Elapsed.TotalSeconds,6:F1} s] {text}"));
}
