namespace Scheduling.IntegrationTests;

/// <summary>
/// The day board reads only its day's part of the start index (<see cref="CalendarEndpoints.LiveBetween"/>), so a
/// session that began the evening before, as long as a session may be, must still be on the next day's board.
/// </summary>
public sealed class DayBoardTests(SchedulingApp app) : IClassFixture<SchedulingApp>
{
    [Fact]
    public async Task A_session_of_the_longest_block_that_began_the_evening_before_is_on_both_days_boards()
    {
        var therapist = await app.StaffAsync(StaffRole.Therapist);
        var evenings = Enum.GetValues<DayOfWeek>().Select(d => new { day = d, start = "12:00", end = "06:00" }).ToList();
        (await app.Client().PutAsJsonAsync($"/staff/{therapist}/availability", new { weekly = evenings, timeOff = Array.Empty<object>() }, SchedulingApp.Json))
            .EnsureSuccessStatusCode();
        var course = await app.OpenCourseAsync();
        await app.MatchAsync(course, therapist);
        // 16:01 to 00:01: on the next day's board for one minute, from a start 7 h 59 min before that day.
        var start = app.LocalAt(3, 16, 1);
        var end = start.AddMinutes(CourseInput.MaxSessionMinutes);

        var session = await app.BookOkAsync(course, SessionKind.Integration, start, end - start);

        var firstDay = AvailabilityCalculator.LocalDate(start, app.Zone);
        var lastDay = AvailabilityCalculator.LocalDate(end, app.Zone);
        Assert.Equal(firstDay.AddDays(1), lastDay);
        foreach (var day in new[] { firstDay, lastDay })
        {
            var board = await app.Client().GetFromJsonAsync<DayBoard>($"/board/{day:yyyy-MM-dd}", SchedulingApp.Json);
            var hours = board!.Hours.Where(h => h.Staff.TryGetValue(therapist, out var entry) && entry.SessionId == session).Select(h => h.Hour).ToList();
            Assert.Equal(day == firstDay ? [16, 17, 18, 19, 20, 21, 22, 23] : [0], hours);
        }
    }
}
