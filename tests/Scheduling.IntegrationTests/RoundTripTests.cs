namespace Scheduling.IntegrationTests;

/// <summary>
/// The PostgreSQL round trips of Scheduling's heaviest command (a dosing booking: course, staff, room, schedules, the
/// resource ledger) and of a course read. A budget, counted, not timed: a change that adds a round trip fails here.
/// </summary>
public sealed class RoundTripTests(SchedulingApp app) : IClassFixture<SchedulingApp>
{
    [Fact]
    public async Task A_dosing_booking_and_a_course_read_stay_within_their_round_trip_budgets()
    {
        var therapist = await app.StaffAsync(StaffRole.Therapist);
        var medical = await app.StaffAsync(StaffRole.MedicalProfessional, MedicalKind.Crna);
        var room = await app.RoomAsync();
        var course = await app.PreparedCourseAsync(therapist);
        var start = app.LocalAt(days: 3, hour: 9);
        using var roundTrips = new RoundTrips();

        var (booked, booking) = await roundTrips.SendAsync(app.Client(), new HttpRequestMessage(HttpMethod.Post, $"/courses/{course}/sessions") {
            Content = JsonContent.Create(new { kind = SessionKind.Dosing, start, end = start.AddHours(2), medicalProfessionalId = medical, roomId = room }, options: SchedulingApp.Json),
        });
        Assert.True(booked.IsSuccessStatusCode, await booked.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var (read, reading) = await roundTrips.SendAsync(app.Client(), new HttpRequestMessage(HttpMethod.Get, $"/courses/{course}"));
        read.EnsureSuccessStatusCode();

        RoundTrips.AssertWithin(5, booking, "booking");
        RoundTrips.AssertWithin(1, reading, "read");
    }
}
