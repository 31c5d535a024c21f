namespace Scheduling.Tests;

public class AvailabilityTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static readonly WeeklyAvailability[] WeekdaysNineToFive =
        [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(d => new WeeklyAvailability(d, new TimeOnly(9, 0), new TimeOnly(17, 0)))];

    private static UtcInterval Utc(int month, int day, int fromHour, int toMonth, int toDay, int toHour) =>
        new(new DateTimeOffset(2025, month, day, fromHour, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, toMonth, toDay, toHour, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Wall_clock_hours_stay_put_across_the_spring_dst_change()
    {
        // DST starts Sunday 9 March 2025 in New York: 09:00 EST is 14:00Z, 09:00 EDT is 13:00Z.
        var result = AvailabilityCalculator.Compute(WeekdaysNineToFive, [], NewYork, Utc(3, 7, 0, 3, 11, 0));

        Assert.Equal(
            [Utc(3, 7, 14, 3, 7, 22), Utc(3, 10, 13, 3, 10, 21)],
            result);
    }

    [Fact]
    public void Wall_clock_hours_stay_put_across_the_autumn_dst_change()
    {
        // DST ends Sunday 2 November 2025: Friday 31 October is EDT (13:00Z), Monday 3 November EST (14:00Z).
        var result = AvailabilityCalculator.Compute(WeekdaysNineToFive, [], NewYork, Utc(10, 31, 0, 11, 4, 0));

        Assert.Equal([Utc(10, 31, 13, 10, 31, 21), Utc(11, 3, 14, 11, 3, 22)], result);
    }

    [Fact]
    public void A_rule_through_the_skipped_hour_is_one_hour_shorter_in_utc()
    {
        var night = new WeeklyAvailability(DayOfWeek.Sunday, new TimeOnly(1, 0), new TimeOnly(4, 0));
        var result = AvailabilityCalculator.Compute([night], [], NewYork, Utc(3, 9, 0, 3, 10, 0));

        var only = Assert.Single(result);
        Assert.Equal(TimeSpan.FromHours(2), only.Duration);
        Assert.Equal(new DateTimeOffset(2025, 3, 9, 6, 0, 0, TimeSpan.Zero), only.Start);
    }

    [Fact]
    public void Skipped_and_repeated_local_times_resolve_forward_and_to_the_first_occurrence()
    {
        Assert.Equal(new DateTimeOffset(2025, 3, 9, 7, 30, 0, TimeSpan.Zero), AvailabilityCalculator.ToUtc(new DateTime(2025, 3, 9, 2, 30, 0), NewYork));
        Assert.Equal(new DateTimeOffset(2025, 11, 2, 5, 30, 0, TimeSpan.Zero), AvailabilityCalculator.ToUtc(new DateTime(2025, 11, 2, 1, 30, 0), NewYork));
    }

    [Fact]
    public void Time_off_removes_availability_and_the_range_clips_it()
    {
        var timeOff = new AvailabilityException(
            new DateTimeOffset(2025, 3, 4, 16, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 3, 5, 23, 0, 0, TimeSpan.Zero), "dentist, then a day off");
        var result = AvailabilityCalculator.Compute(WeekdaysNineToFive, [timeOff], NewYork, Utc(3, 4, 15, 3, 6, 16));

        Assert.Equal([Utc(3, 4, 15, 3, 4, 16), Utc(3, 6, 14, 3, 6, 16)], result);
    }

    [Fact]
    public void Overlapping_weekly_entries_and_empty_windows_are_field_errors()
    {
        var errors = new FieldErrors().WeeklyAvailability(
        [
            new WeeklyAvailability(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(13, 0)),
            new WeeklyAvailability(DayOfWeek.Monday, new TimeOnly(12, 0), new TimeOnly(17, 0)),
            new WeeklyAvailability(DayOfWeek.Tuesday, new TimeOnly(17, 0), new TimeOnly(17, 0)),
            new WeeklyAvailability(DayOfWeek.Wednesday, new TimeOnly(9, 0), new TimeOnly(13, 0)),
            new WeeklyAvailability(DayOfWeek.Wednesday, new TimeOnly(13, 0), new TimeOnly(17, 0)),
        ]).ToDictionary();

        Assert.Equal(["weekly[1]", "weekly[2].end"], errors.Keys.Order());
    }

    [Fact]
    public void Interval_helpers_use_half_open_ranges()
    {
        var a = Utc(3, 3, 9, 3, 3, 11);
        var b = Utc(3, 3, 11, 3, 3, 12);

        Assert.False(a.Overlaps(b));
        Assert.True(a.Overlaps(Utc(3, 3, 10, 3, 3, 12)));
        Assert.Equal([Utc(3, 3, 9, 3, 3, 12)], Intervals.Normalize([b, a]));
        Assert.Equal([Utc(3, 3, 9, 3, 3, 10), Utc(3, 3, 11, 3, 3, 12)], Intervals.Subtract([Utc(3, 3, 9, 3, 3, 12)], [Utc(3, 3, 10, 3, 3, 11)]));
        Assert.Throws<ArgumentException>(() => new UtcInterval(b.End, b.Start));
    }

    [Fact]
    public void An_evening_window_and_the_next_morning_cover_a_block_across_midnight()
    {
        // Monday 1 December 2025 (EST, UTC-5): 23:30-00:30 local is 04:30Z-05:30Z on the 2nd.
        WeeklyAvailability[] weekly =
        [
            new(DayOfWeek.Monday, new TimeOnly(18, 0), TimeOnly.MinValue),
            new(DayOfWeek.Tuesday, TimeOnly.MinValue, new TimeOnly(6, 0)),
        ];
        var availability = AvailabilityCalculator.Compute(weekly, [], NewYork, Utc(12, 1, 0, 12, 3, 0));

        var block = new UtcInterval(new DateTimeOffset(2025, 12, 2, 4, 30, 0, TimeSpan.Zero), new DateTimeOffset(2025, 12, 2, 5, 30, 0, TimeSpan.Zero));

        Assert.True(Intervals.Covers(availability, block));
    }

    [Fact]
    public void A_window_ending_before_it_starts_runs_past_midnight()
    {
        WeeklyAvailability[] weekly = [new(DayOfWeek.Monday, new TimeOnly(22, 0), new TimeOnly(2, 0))];

        var availability = AvailabilityCalculator.Compute(weekly, [], NewYork, Utc(12, 1, 0, 12, 3, 0));

        Assert.Equal([Utc(12, 2, 3, 12, 2, 7)], availability);
        Assert.False(new FieldErrors().WeeklyAvailability(weekly).Any);
    }
}
