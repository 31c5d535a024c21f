using Platform.Commands;

namespace Platform.Tests;

public class ClinicCalendarTests
{
    private static readonly TimeZoneInfo NewYork = ClinicCalendar.Zone("America/New_York");

    [Fact]
    public void Today_is_the_clinic_day_not_the_utc_day()
    {
        // 02:30 UTC on 15 March is still 14 March in New York.
        var now = ClinicTime.At(new DateTimeOffset(2026, 3, 15, 2, 30, 0, TimeSpan.Zero), NewYork);

        Assert.Equal(new DateOnly(2026, 3, 14), now.Today);
    }

    [Fact]
    public void The_fall_back_day_has_25_hours_and_the_spring_forward_day_23()
    {
        var (fallStart, fallEnd) = ClinicCalendar.Day(new DateOnly(2026, 11, 1), NewYork);
        var (springStart, springEnd) = ClinicCalendar.Day(new DateOnly(2026, 3, 8), NewYork);
        var (plainStart, plainEnd) = ClinicCalendar.Day(new DateOnly(2026, 6, 1), NewYork);

        Assert.Equal(TimeSpan.FromHours(25), fallEnd - fallStart);
        Assert.Equal(TimeSpan.FromHours(23), springEnd - springStart);
        Assert.Equal(TimeSpan.FromHours(24), plainEnd - plainStart);
    }

    [Fact]
    public void A_local_time_skipped_by_spring_forward_moves_forward_by_the_jump()
    {
        // 02:30 does not exist on 8 March 2026 in New York: it is read as 03:30 EDT (07:30 UTC).
        var instant = ClinicCalendar.ToUtc(new DateOnly(2026, 3, 8), new TimeOnly(2, 30), NewYork);

        Assert.Equal(new DateTimeOffset(2026, 3, 8, 7, 30, 0, TimeSpan.Zero), instant);
    }

    [Fact]
    public void A_local_time_that_occurs_twice_is_its_first_occurrence()
    {
        // 01:30 occurs twice on 1 November 2026 in New York; the first is 01:30 EDT (05:30 UTC).
        var instant = ClinicCalendar.ToUtc(new DateOnly(2026, 11, 1), new TimeOnly(1, 30), NewYork);

        Assert.Equal(new DateTimeOffset(2026, 11, 1, 5, 30, 0, TimeSpan.Zero), instant);
    }

    [Theory]
    [InlineData("2000-06-15", "2026-06-14", 25)]
    [InlineData("2000-06-15", "2026-06-15", 26)]
    [InlineData("2004-02-29", "2026-02-28", 21)]
    [InlineData("2004-02-29", "2026-03-01", 22)]
    public void Age_counts_completed_years(string birth, string on, int expected) =>
        Assert.Equal(expected, ClinicCalendar.AgeOn(DateOnly.Parse(birth), DateOnly.Parse(on)));

    [Fact]
    public void An_unknown_time_zone_is_refused_by_name() =>
        Assert.Contains("Mars/Olympus", Assert.Throws<ArgumentException>(() => ClinicCalendar.Zone("Mars/Olympus")).Message);
}
