namespace Scheduling.IntegrationTests;

/// <summary>
/// Two clinics of one chain on one Scheduling deployment: each sees only its own courses, and a person who works at
/// both is held under one id in the booking ledger, so no clinic can book them into a block another clinic holds.
/// </summary>
public sealed class ClinicTenancyTests(SchedulingApp app) : IClassFixture<SchedulingApp>
{
    private const string North = "north";

    [Fact]
    public async Task A_therapist_working_at_two_clinics_is_never_double_booked_across_them()
    {
        var therapist = await app.StaffAsync(StaffRole.Therapist);
        var atNorth = await app.Client(clinic: North).PostAsJsonAsync("/staff", new {
            displayName = "Shared Therapist",
            role = StaffRole.Therapist,
            credentials = new[] { SchedulingApp.Valid(CredentialKind.License) },
            staffId = therapist,
        }, SchedulingApp.Json);
        Assert.Equal(HttpStatusCode.Created, atNorth.StatusCode);
        await app.AllWeekAsync($"/staff/{therapist}/availability", North);

        var mainCourse = await app.OpenCourseAsync();
        var northCourse = await app.OpenCourseAsync(clinic: North);
        await app.MatchAsync(mainCourse, therapist);
        await app.MatchAsync(northCourse, therapist, North);

        var start = app.LocalAt(days: 2, hour: 10);
        await app.BookOkAsync(mainCourse, SessionKind.Preparation, start, TimeSpan.FromHours(1));
        var clash = await app.BookAsync(northCourse, SessionKind.Preparation, start.AddMinutes(30), TimeSpan.FromHours(1), clinic: North);

        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        Assert.Equal(RuleIds.DoubleBooked, await SchedulingApp.RuleIdAsync(clash));
        var later = await app.BookAsync(northCourse, SessionKind.Preparation, start.AddHours(2), TimeSpan.FromHours(1), clinic: North);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    [Fact]
    public async Task A_clinic_cannot_read_or_change_another_clinics_course()
    {
        var therapist = await app.StaffAsync(StaffRole.Therapist);
        var mainCourse = await app.OpenCourseAsync();

        var north = app.Client(clinic: North);
        Assert.Equal(HttpStatusCode.NotFound, (await north.GetAsync($"/courses/{mainCourse}")).StatusCode);
        // Refused one way or another (the therapist is unknown at north, the course too): what matters is the course below.
        Assert.False((await north.PutAsJsonAsync($"/courses/{mainCourse}/therapist", new { therapistId = therapist }, SchedulingApp.Json)).IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await north.GetAsync($"/staff/{therapist}")).StatusCode);

        await using var query = app.Host.Store.QuerySession(ClinicScope.Development);
        Assert.Null((await query.LoadAsync<TreatmentCourse>(mainCourse))!.TherapistId);
    }

    [Fact]
    public async Task A_token_must_hold_the_clinic_it_acts_in_and_name_one_when_it_holds_several()
    {
        var chain = app.Host.ClientFor(Roles.Scheduler, clinics: [ClinicScope.Development, North]);
        var unnamed = await chain.GetAsync("/rooms");
        await ProblemAssert.FieldErrorAsync(unnamed, ClinicScope.Header);

        using var named = new HttpRequestMessage(HttpMethod.Get, "/rooms");
        named.Headers.Add(ClinicScope.Header, North);
        Assert.Equal(HttpStatusCode.OK, (await chain.SendAsync(named)).StatusCode);

        using var notGranted = new HttpRequestMessage(HttpMethod.Get, "/rooms");
        notGranted.Headers.Add(ClinicScope.Header, North);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Client().SendAsync(notGranted)).StatusCode);

        var unknownClinic = app.Host.ClientFor(Roles.Scheduler, clinics: ["elsewhere"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await unknownClinic.GetAsync("/rooms")).StatusCode);
        var noClinic = app.Host.ClientFor(Roles.Scheduler, clinics: []);
        Assert.Equal(HttpStatusCode.Forbidden, (await noClinic.GetAsync("/rooms")).StatusCode);
    }
}
