using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Analytics;

namespace Scheduling.IntegrationTests;

/// <summary>A patient from approval through preparation, dosing with check-in and discharge, and integration.</summary>
public sealed class PatientJourneyTests(SchedulingApp app) : IClassFixture<SchedulingApp>
{
    private static object Vitals(int systolic, int diastolic, DateTimeOffset at) => new { systolic, diastolic, heartRate = 72, takenAt = at };

    [Fact]
    public async Task Approval_to_integration_through_the_api()
    {
        var therapist = await app.StaffAsync(StaffRole.Therapist);
        var medical = await app.StaffAsync(StaffRole.MedicalProfessional, MedicalKind.Crna);
        var room = await app.RoomAsync();
        var courseId = await app.OpenCourseAsync();
        await app.MatchAsync(courseId, therapist);

        // Every instant is fixed before the clock moves (LocalAt is relative to the service's today).
        var prep1Start = app.LocalAt(1, 9);
        var prep2Start = app.LocalAt(1, 11);
        var doseStart = app.LocalAt(2, 10);
        var prep1 = await app.BookOkAsync(courseId, SessionKind.Preparation, prep1Start, TimeSpan.FromHours(1));
        var prep2 = await app.BookOkAsync(courseId, SessionKind.Preparation, prep2Start, TimeSpan.FromHours(1));
        var dosing = await app.BookOkAsync(courseId, SessionKind.Dosing, doseStart, TimeSpan.FromHours(2), medical, room);

        // A therapist cannot book; only the therapist marks sessions held.
        Assert.Equal(HttpStatusCode.Forbidden, (await app.BookAsync(courseId, SessionKind.Integration, app.LocalAt(5, 9), TimeSpan.FromHours(1), role: Roles.Therapist)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Client().PostAsync($"/courses/{courseId}/sessions/{prep1}/held", null)).StatusCode);

        app.Clock.MoveTo(prep1Start.AddHours(1));
        var therapistClient = app.Client(Roles.Therapist);
        Assert.Equal(HttpStatusCode.OK, (await therapistClient.PostAsync($"/courses/{courseId}/sessions/{prep1}/held", null)).StatusCode);
        app.Clock.MoveTo(prep2Start.AddHours(1));
        Assert.Equal(HttpStatusCode.OK, (await therapistClient.PostAsync($"/courses/{courseId}/sessions/{prep2}/held", null)).StatusCode);

        // Check-in gates: blood pressure over 140/90 holds the dose with its rule id.
        app.Clock.MoveTo(doseStart.AddMinutes(-10));
        var medicalClient = app.Client(Roles.Medical);
        var now = app.Clock.GetUtcNow();
        var path = $"/courses/{courseId}/sessions/{dosing}";
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Client().PostAsJsonAsync($"{path}/dose", new { doseMg = 35 })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await medicalClient.PostAsJsonAsync($"{path}/dose", new { doseMg = 35 })).StatusCode);
        var invalid = await medicalClient.PostAsJsonAsync($"{path}/check-in", new { preDose = Vitals(400, 80, now), fastingConfirmed = true, rideHomeConfirmed = true }, SchedulingApp.Json);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("preDose.systolic", await invalid.Content.ReadAsStringAsync());
        var unconfirmed = await medicalClient.PostAsJsonAsync($"{path}/check-in", new { preDose = Vitals(128, 82, now), rideHomeConfirmed = true }, SchedulingApp.Json);
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Contains("fastingConfirmed", await unconfirmed.Content.ReadAsStringAsync());
        var stale = await medicalClient.PostAsJsonAsync($"{path}/check-in", new { preDose = Vitals(128, 82, now.AddDays(-3)), fastingConfirmed = true, rideHomeConfirmed = true }, SchedulingApp.Json);
        Assert.Equal(RuleIds.PreDoseVitalsStale, await SchedulingApp.RuleIdAsync(stale));

        Assert.Equal(HttpStatusCode.OK, (await medicalClient.PostAsJsonAsync($"{path}/check-in", new { preDose = Vitals(150, 95, now), fastingConfirmed = true, rideHomeConfirmed = true }, SchedulingApp.Json)).StatusCode);
        var held = await medicalClient.PostAsJsonAsync($"{path}/dose", new { doseMg = 35 });
        Assert.Equal(RuleIds.BloodPressureAboveThreshold, await SchedulingApp.RuleIdAsync(held));

        Assert.Equal(HttpStatusCode.OK, (await medicalClient.PostAsJsonAsync($"{path}/check-in", new { preDose = Vitals(150, 85, now), fastingConfirmed = false, rideHomeConfirmed = true }, SchedulingApp.Json)).StatusCode);
        Assert.Equal(RuleIds.BloodPressureAboveThreshold, await SchedulingApp.RuleIdAsync(await medicalClient.PostAsJsonAsync($"{path}/dose", new { doseMg = 35 })));
        Assert.Equal(HttpStatusCode.OK, (await medicalClient.PostAsJsonAsync($"{path}/check-in", new { preDose = Vitals(128, 82, now), fastingConfirmed = false, rideHomeConfirmed = true }, SchedulingApp.Json)).StatusCode);
        Assert.Equal(RuleIds.FastingNotConfirmed, await SchedulingApp.RuleIdAsync(await medicalClient.PostAsJsonAsync($"{path}/dose", new { doseMg = 35 })));
        Assert.Equal(HttpStatusCode.OK, (await medicalClient.PostAsJsonAsync($"{path}/check-in", new { preDose = Vitals(128, 82, now), fastingConfirmed = true, rideHomeConfirmed = false }, SchedulingApp.Json)).StatusCode);
        Assert.Equal(RuleIds.RideHomeNotConfirmed, await SchedulingApp.RuleIdAsync(await medicalClient.PostAsJsonAsync($"{path}/dose", new { doseMg = 35 })));

        Assert.Equal(HttpStatusCode.OK, (await medicalClient.PostAsJsonAsync($"{path}/check-in", new { preDose = Vitals(128, 82, now), fastingConfirmed = true, rideHomeConfirmed = true }, SchedulingApp.Json)).StatusCode);
        app.Clock.MoveTo(doseStart);
        Assert.Equal(HttpStatusCode.OK, (await medicalClient.PostAsJsonAsync($"{path}/dose", new { doseMg = 35 })).StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(40));
        Assert.Equal(HttpStatusCode.OK, (await medicalClient.PostAsJsonAsync($"{path}/vitals", new { vitals = Vitals(135, 85, app.Clock.GetUtcNow()) }, SchedulingApp.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await medicalClient.PostAsJsonAsync($"{path}/cadss", new { items = new[] { 1, 0, 2, 1, 0, 0 } })).StatusCode);

        var early = await medicalClient.PostAsJsonAsync($"{path}/discharge", new { atDischarge = Vitals(125, 80, app.Clock.GetUtcNow()), sedationResolved = true, dissociationResolved = true }, SchedulingApp.Json);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode);
        Assert.Equal(RuleIds.DischargeTooEarly, await SchedulingApp.RuleIdAsync(early));

        app.Clock.MoveTo(doseStart.AddMinutes(125));
        Assert.Equal(RuleIds.SedationUnresolved, await SchedulingApp.RuleIdAsync(await medicalClient.PostAsJsonAsync($"{path}/discharge", new { atDischarge = Vitals(125, 80, app.Clock.GetUtcNow()), sedationResolved = false, dissociationResolved = true }, SchedulingApp.Json)));
        Assert.Equal(HttpStatusCode.OK, (await medicalClient.PostAsJsonAsync($"{path}/discharge", new { atDischarge = Vitals(125, 80, app.Clock.GetUtcNow()), sedationResolved = true, dissociationResolved = true }, SchedulingApp.Json)).StatusCode);

        var completed = await Eventually.Async(
            () => Task.FromResult(app.Bus.Received<DosingSessionCompleted>().FirstOrDefault(m => m.Message.SessionId == dosing)),
            what: "DosingSessionCompleted to be published");
        Assert.Equal(35m, completed.Message.DoseMg);
        Assert.Equal(1, completed.Message.CadssScore > 0 ? 1 : 0);
        Assert.Contains(app.Bus.Received<PreparationCompleted>(), m => m.Message.CourseId == courseId);

        await app.BookOkAsync(courseId, SessionKind.Integration, app.LocalAt(1, 9), TimeSpan.FromHours(1));
        var progress = await app.Client().GetFromJsonAsync<CourseProgress>($"/courses/{courseId}/progress", SchedulingApp.Json);
        Assert.Equal(1, progress!.Dosing.Held);
        Assert.Equal(2, progress.Preparation.Held);
        Assert.Equal(1, progress.Integration.Booked);

        // Calendars: staff see them, analysts do not.
        var from = Uri.EscapeDataString(doseStart.AddDays(-3).ToString("o"));
        var to = Uri.EscapeDataString(doseStart.AddDays(3).ToString("o"));
        Assert.Equal(HttpStatusCode.OK, (await therapistClient.GetAsync($"/staff/{therapist}/calendar?from={from}&to={to}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Client(Roles.Analyst).GetAsync($"/staff/{therapist}/calendar?from={from}&to={to}")).StatusCode);
        var board = await app.Client().GetAsync($"/board/{AvailabilityCalculator.LocalDate(doseStart, app.Zone):yyyy-MM-dd}");
        Assert.Contains(dosing.ToString(), await board.Content.ReadAsStringAsync());

        // The analyst tables fill from the async projection.
        await app.Host.CatchUpAsync();
        await using var connection = new Npgsql.NpgsqlConnection(app.Host.Postgres);
        await connection.OpenAsync();
        await using var sessions = new Npgsql.NpgsqlCommand(
            "select status from reporting.scheduling_sessions where session_key = @id", connection);
        sessions.Parameters.AddWithValue("id", app.Host.Services.GetRequiredService<AnalystPseudonyms>().Session(dosing));
        Assert.Equal(nameof(SessionStatus.Completed), await sessions.ExecuteScalarAsync());
        await using var utilisation = new Npgsql.NpgsqlCommand(
            "select sum(booked_minutes) from reporting.scheduling_utilisation where resource_id = @id", connection);
        utilisation.Parameters.AddWithValue("id", room);
        Assert.Equal(120L, Convert.ToInt64(await utilisation.ExecuteScalarAsync()));
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_the_field()
    {
        var courseId = await app.OpenCourseAsync();
        var client = app.Client();
        var start = app.LocalAt(3, 10);

        var backwards = await client.PostAsJsonAsync($"/courses/{courseId}/sessions", new { kind = "Preparation", start, end = start.AddHours(-1) }, SchedulingApp.Json);
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Contains("\"end\"", await backwards.Content.ReadAsStringAsync());

        var unknownKind = await client.PostAsJsonAsync($"/courses/{courseId}/sessions", new { kind = "Massage", start, end = start.AddHours(1) }, SchedulingApp.Json);
        Assert.Equal(HttpStatusCode.BadRequest, unknownKind.StatusCode);
        var unknownKindBody = await unknownKind.Content.ReadAsStringAsync();
        Assert.True(unknownKindBody.Contains("kind"), unknownKindBody);

        var unknownRoom = await client.PostAsJsonAsync($"/courses/{courseId}/sessions", new { kind = "Dosing", start, end = start.AddHours(2), therapistId = Guid.NewGuid(), roomId = Guid.NewGuid() }, SchedulingApp.Json);
        Assert.Equal(HttpStatusCode.BadRequest, unknownRoom.StatusCode);
        var body = await unknownRoom.Content.ReadAsStringAsync();
        Assert.Contains("roomId", body);
        Assert.Contains("therapistId", body);

        var therapist = await app.StaffAsync(StaffRole.Therapist);
        var overlapping = await client.PutAsJsonAsync($"/staff/{therapist}/availability", new {
            weekly = new[] { new { day = "Monday", start = "08:00", end = "12:00" }, new { day = "Monday", start = "11:00", end = "15:00" } },
        }, SchedulingApp.Json);
        var overlapBody = await overlapping.Content.ReadAsStringAsync();
        Assert.True(overlapping.StatusCode == HttpStatusCode.BadRequest, overlapBody);
        Assert.Contains("weekly[1]", overlapBody.Replace("\\u005B", "[").Replace("\\u005D", "]"));
    }
}
