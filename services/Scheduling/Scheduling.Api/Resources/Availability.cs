
namespace Scheduling.Api.Resources;

/// <summary>
/// A recurring weekly window in clinic-local wall-clock time, e.g. Tuesdays 08:00-16:00. An end at or before the
/// start is on the next day (Monday 22:00-02:00, or 18:00-00:00 for "until midnight"), so an evening shift and the
/// next morning's form one window and a block across midnight fits.
/// </summary>
public sealed record WeeklyAvailability(DayOfWeek Day, TimeOnly Start, TimeOnly End)
{
    public bool SpansMidnight => End <= Start;
}

/// <summary>Time off (or any other exception) as an absolute range; it removes availability.</summary>
public sealed record AvailabilityException(DateTimeOffset Start, DateTimeOffset End, string? Reason = null);

/// <summary>
/// Turns weekly wall-clock rules into UTC intervals. Wall-clock rules keep their local hours across DST
/// changes, so the UTC result shifts by an hour at each transition; that is what staff expect.
/// </summary>
public static class AvailabilityCalculator
{
    public static IReadOnlyList<UtcInterval> Compute(
        IReadOnlyList<WeeklyAvailability> weekly,
        IReadOnlyList<AvailabilityException> exceptions,
        TimeZoneInfo timeZone,
        UtcInterval range)
    {
        if (range.IsEmpty || weekly.Count == 0)
        {
            return [];
        }

        // One local day either side so rules near midnight are not lost to the UTC offset.
        var firstDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(range.Start, timeZone).DateTime).AddDays(-1);
        var lastDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(range.End, timeZone).DateTime).AddDays(1);

        var intervals = new List<UtcInterval>();
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            foreach (var rule in weekly)
            {
                if (rule.Day != day.DayOfWeek || rule.End == rule.Start && rule.Start != TimeOnly.MinValue)
                {
                    continue;
                }

                var start = ClinicCalendar.ToUtc(day, rule.Start, timeZone);
                var end = ClinicCalendar.ToUtc(rule.SpansMidnight ? day.AddDays(1) : day, rule.End, timeZone);
                if (end > start)
                {
                    intervals.Add(new UtcInterval(start, end));
                }
            }
        }

        var timeOff = exceptions
            .Where(e => e.End > e.Start)
            .Select(e => new UtcInterval(e.Start, e.End));
        return Intervals.Clip(Intervals.Subtract(intervals, timeOff), range);
    }

    /// <summary>
    /// Converts a clinic-local wall-clock time to UTC. A time skipped by spring-forward moves forward by the
    /// gap (02:30 becomes 03:30); a time repeated by fall-back takes its first occurrence.
    /// </summary>
    public static DateTimeOffset ToUtc(DateTime localWallClock, TimeZoneInfo timeZone)
    {
        var local = DateTime.SpecifyKind(localWallClock, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (timeZone.IsInvalidTime(local))
        {
            // The offset in force just before the gap; no zone has two transitions within six hours.
            offset = timeZone.GetUtcOffset(local.AddHours(-6));
        }
        else if (timeZone.IsAmbiguousTime(local))
        {
            offset = timeZone.GetAmbiguousTimeOffsets(local).Max();
        }
        else
        {
            offset = timeZone.GetUtcOffset(local);
        }

        return new DateTimeOffset(local.Ticks - offset.Ticks, TimeSpan.Zero);
    }

    /// <summary>The clinic-local calendar date of an instant.</summary>
    public static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo timeZone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, timeZone).DateTime);
}
