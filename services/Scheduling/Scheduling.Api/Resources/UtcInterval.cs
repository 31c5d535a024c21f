namespace Scheduling.Api.Resources;

/// <summary>A half-open instant range [Start, End): a block ending at 11:00 does not clash with one starting at 11:00.</summary>
public readonly record struct UtcInterval
{
    public UtcInterval(DateTimeOffset start, DateTimeOffset end)
    {
        if (end < start)
        {
            throw new ArgumentException("An interval cannot end before it starts.", nameof(end));
        }

        Start = start.ToUniversalTime();
        End = end.ToUniversalTime();
    }

    public DateTimeOffset Start { get; }

    public DateTimeOffset End { get; }

    public TimeSpan Duration => End - Start;

    public bool IsEmpty => End <= Start;

    public bool Overlaps(UtcInterval other) => Intervals.Overlaps(Start, End, other.Start, other.End);

    public bool Contains(UtcInterval other) => Start <= other.Start && other.End <= End;

    public bool Contains(DateTimeOffset instant) => Start <= instant && instant < End;

    public override string ToString() => $"[{Start:u}, {End:u})";
}

/// <summary>Set operations on sorted interval lists; everything here is pure and allocation-light.</summary>
public static class Intervals
{
    /// <summary>Half-open overlap test; the database exclusion constraint uses the same '[)' semantics.</summary>
    public static bool Overlaps(DateTimeOffset aStart, DateTimeOffset aEnd, DateTimeOffset bStart, DateTimeOffset bEnd) =>
        aStart < bEnd && bStart < aEnd;

    /// <summary>Sorts and joins overlapping or touching intervals, dropping empty ones.</summary>
    public static IReadOnlyList<UtcInterval> Normalize(IEnumerable<UtcInterval> intervals)
    {
        var sorted = intervals.Where(i => !i.IsEmpty).OrderBy(i => i.Start).ToList();
        var result = new List<UtcInterval>(sorted.Count);
        foreach (var interval in sorted)
        {
            if (result.Count > 0 && interval.Start <= result[^1].End)
            {
                var last = result[^1];
                if (interval.End > last.End)
                {
                    result[^1] = new UtcInterval(last.Start, interval.End);
                }
            }
            else
            {
                result.Add(interval);
            }
        }

        return result;
    }

    /// <summary>What remains of <paramref name="source"/> after removing every part covered by <paramref name="remove"/>.</summary>
    public static IReadOnlyList<UtcInterval> Subtract(IEnumerable<UtcInterval> source, IEnumerable<UtcInterval> remove)
    {
        var from = Normalize(source);
        var cut = Normalize(remove);
        var result = new List<UtcInterval>(from.Count);
        var j = 0;
        foreach (var interval in from)
        {
            var cursor = interval.Start;
            while (j < cut.Count && cut[j].End <= cursor)
            {
                j++;
            }

            var k = j;
            while (k < cut.Count && cut[k].Start < interval.End)
            {
                if (cut[k].Start > cursor)
                {
                    result.Add(new UtcInterval(cursor, cut[k].Start));
                }

                if (cut[k].End > cursor)
                {
                    cursor = cut[k].End;
                }

                if (cursor >= interval.End)
                {
                    break;
                }

                k++;
            }

            if (cursor < interval.End)
            {
                result.Add(new UtcInterval(cursor, interval.End));
            }
        }

        return result;
    }

    /// <summary>The parts of the intervals that fall inside <paramref name="window"/>.</summary>
    public static IReadOnlyList<UtcInterval> Clip(IEnumerable<UtcInterval> intervals, UtcInterval window) =>
        Normalize(intervals
            .Where(i => i.Overlaps(window))
            .Select(i => new UtcInterval(Max(i.Start, window.Start), Min(i.End, window.End))));

    /// <summary>True when one continuous available stretch holds the whole block (touching intervals count as one).</summary>
    public static bool Covers(IEnumerable<UtcInterval> available, UtcInterval block) =>
        Normalize(available).Any(i => i.Contains(block));

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
