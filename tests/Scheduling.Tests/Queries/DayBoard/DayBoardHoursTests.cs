namespace Scheduling.Tests.Queries.DayBoard;

public class DayBoardHoursTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Fact]
    public void The_fall_back_day_shows_25_rows_with_the_repeated_hour_twice()
    {
        var rows = CalendarEndpoints.BoardHours(new DateOnly(2025, 11, 2), NewYork);

        Assert.Equal(25, rows.Count);
        Assert.Equal([0, 1, 1, 2], rows.Take(4).Select(r => r.Hour));
        Assert.All(rows, r => Assert.Equal(TimeSpan.FromHours(1), r.End - r.Start));
    }

    [Fact]
    public void The_spring_forward_day_shows_23_rows_without_the_skipped_hour()
    {
        var rows = CalendarEndpoints.BoardHours(new DateOnly(2025, 3, 9), NewYork);

        Assert.Equal(23, rows.Count);
        Assert.DoesNotContain(rows, r => r.Hour == 2);
    }

    [Fact]
    public void An_ordinary_day_shows_24_rows()
    {
        Assert.Equal(Enumerable.Range(0, 24), CalendarEndpoints.BoardHours(new DateOnly(2025, 6, 2), NewYork).Select(r => r.Hour));
    }
}
