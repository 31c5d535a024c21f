namespace Scheduling.IntegrationTests;

/// <summary>Who recorded a clinical fact is the caller's token, whatever a request body claims.</summary>
public sealed class CallerIdentityTests(SchedulingApp app) : IClassFixture<SchedulingApp>
{
    [Fact]
    public async Task A_body_naming_someone_else_is_refused_and_the_caller_is_recorded()
    {
        var therapist = await app.StaffAsync(StaffRole.Therapist);
        var medical = await app.StaffAsync(StaffRole.MedicalProfessional, MedicalKind.Crna);
        var room = await app.RoomAsync();
        var courseId = await app.PreparedCourseAsync(therapist);
        var start = app.LocalAt(3, 10);
        var dosing = await app.BookOkAsync(courseId, SessionKind.Dosing, start, TimeSpan.FromHours(2), medical, room);

        var caller = Guid.NewGuid();
        var spoofed = Guid.NewGuid();
        var client = app.Host.ClientFor(Roles.Medical, caller.ToString());
        var path = $"/courses/{courseId}/sessions/{dosing}";
        app.Clock.MoveTo(start.AddMinutes(-10));
        var vitals = new { systolic = 120, diastolic = 80, heartRate = 70, takenAt = app.Clock.GetUtcNow() };
        // Bodies are strict: a body still naming who recorded is refused naming the field, so no one is spoofed.
        using var spoofedCheckIn = await client.PostAsJsonAsync($"{path}/check-in", new { preDose = vitals, fastingConfirmed = true, rideHomeConfirmed = true, recordedBy = spoofed }, SchedulingApp.Json);
        Assert.Equal(HttpStatusCode.BadRequest, spoofedCheckIn.StatusCode);
        Assert.Contains("recordedBy", await spoofedCheckIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"{path}/check-in", new { preDose = vitals, fastingConfirmed = true, rideHomeConfirmed = true }, SchedulingApp.Json)).StatusCode);
        app.Clock.MoveTo(start);
        using var spoofedDose = await client.PostAsJsonAsync($"{path}/dose", new { doseMg = 35, administeredBy = spoofed });
        Assert.Equal(HttpStatusCode.BadRequest, spoofedDose.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"{path}/dose", new { doseMg = 35 })).StatusCode);

        await using var session = app.Host.Store.QuerySession(ClinicScope.Development);
        var course = await session.LoadAsync<TreatmentCourse>(courseId);
        Assert.Equal(caller, course!.FindSession(dosing)!.Dosing!.AdministeredBy);
        var checkIn = (await session.Events.FetchStreamAsync(courseId)).Select(e => e.Data).OfType<CheckInRecorded>().Single();
        Assert.Equal(caller, checkIn.RecordedBy);
    }
}
