namespace Scheduling.IntegrationTests;

/// <summary>One Scheduling host per test class, with a movable clock and a bus that records what it publishes.</summary>
public sealed class SchedulingApp() : ServiceApp<SchedulingServiceMarker>(typeof(SessionCancelled), typeof(DosingSessionCompleted), typeof(PreparationCompleted))
{
    public SchedulingProtocol Protocol => SchedulingProtocol.Default;

    public TimeZoneInfo Zone => Protocol.ResolveTimeZone();

    public HttpClient Client(string role = Roles.Scheduler, string clinic = ClinicScope.Development) => Host.ClientFor(role, clinics: [clinic]);

    /// <summary>A clinic-local wall-clock time <paramref name="days"/> days from the service's today, in UTC.</summary>
    public DateTimeOffset LocalAt(int days, int hour, int minute = 0)
    {
        var today = AvailabilityCalculator.LocalDate(Clock.GetUtcNow(), Zone);
        return AvailabilityCalculator.ToUtc(today.AddDays(days).ToDateTime(new TimeOnly(hour, minute)), Zone);
    }

    public static Credential Valid(CredentialKind kind) => new(kind, DateOnly.FromDateTime(DateTime.UtcNow.AddYears(2)), "X-1");

    public async Task<Guid> StaffAsync(StaffRole role, MedicalKind? kind = null, params Credential[] credentials)
    {
        var response = await Client().PostAsJsonAsync("/staff", new {
            displayName = $"{role} {Guid.NewGuid():N}"[..20],
            role,
            medicalKind = kind,
            credentials = credentials.Length > 0 ? credentials : [Valid(CredentialKind.License), Valid(CredentialKind.Acls)],
        }, Json);
        response.EnsureSuccessStatusCode();
        var id = (await response.Content.ReadFromJsonAsync<Created>(Json))!.Id;
        await AllWeekAsync($"/staff/{id}/availability");
        return id;
    }

    public async Task<Guid> RoomAsync()
    {
        var response = await Client().PostAsJsonAsync("/rooms", new { name = $"Room {Guid.NewGuid():N}"[..12] }, Json);
        response.EnsureSuccessStatusCode();
        var id = (await response.Content.ReadFromJsonAsync<Created>(Json))!.Id;
        await AllWeekAsync($"/rooms/{id}/availability");
        return id;
    }

    /// <summary>07:00-21:00 every day, clinic-local.</summary>
    public async Task AllWeekAsync(string path, string clinic = ClinicScope.Development)
    {
        var weekly = Enum.GetValues<DayOfWeek>().Select(d => new { day = d, start = "07:00", end = "21:00" }).ToList();
        var response = await Client(clinic: clinic).PutAsJsonAsync(path, new { weekly, timeOff = Array.Empty<object>() }, Json);
        response.EnsureSuccessStatusCode();
    }

    public static PatientApprovedForTreatment Approval(
        Guid courseId, DateTimeOffset now, TreatmentRoute route = TreatmentRoute.IvKetamine, TimeSpan? validFor = null) =>
        ContractBuilders.Approval(courseId, now.AddDays(-1), route: route, baselineScores: [], validUntil: now.Add(validFor ?? TimeSpan.FromDays(89)));

    /// <summary>Opens a course the way production does: the approval message through the broker.</summary>
    public async Task<Guid> OpenCourseAsync(
        TreatmentRoute route = TreatmentRoute.IvKetamine, TimeSpan? validFor = null, string clinic = ClinicScope.Development)
    {
        var courseId = Guid.NewGuid();
        await Bus.PublishAsync(Approval(courseId, Clock.GetUtcNow(), route, validFor), Guid.NewGuid(), clinic);
        await Eventually.Async(async () =>
        {
            await using var query = Host.Store.QuerySession(clinic);
            return await query.LoadAsync<TreatmentCourse>(courseId);
        }, what: "the course to open from the approval");
        return courseId;
    }

    public async Task MatchAsync(Guid courseId, Guid therapistId, string clinic = ClinicScope.Development)
    {
        var response = await Client(clinic: clinic).PutAsJsonAsync($"/courses/{courseId}/therapist", new { therapistId }, Json);
        response.EnsureSuccessStatusCode();
    }

    public async Task<HttpResponseMessage> BookAsync(
        Guid courseId, SessionKind kind, DateTimeOffset start, TimeSpan length, Guid? medical = null, Guid? room = null, string role = Roles.Scheduler,
        string clinic = ClinicScope.Development) =>
        await Client(role, clinic).PostAsJsonAsync($"/courses/{courseId}/sessions", new {
            kind,
            start,
            end = start + length,
            medicalProfessionalId = medical,
            roomId = room,
        }, Json);

    public async Task<Guid> BookOkAsync(Guid courseId, SessionKind kind, DateTimeOffset start, TimeSpan length, Guid? medical = null, Guid? room = null)
    {
        var response = await BookAsync(courseId, kind, start, length, medical, room);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("sessionId").GetGuid();
    }

    /// <summary>Seeds a course whose preparation is complete straight into the event store (for bulk setups).</summary>
    public async Task<Guid> PreparedCourseAsync(Guid therapistId)
    {
        var courseId = Guid.NewGuid();
        var now = Clock.GetUtcNow();
        var opened = OpenCourse.Decide(new OpenCourse(PatientApprovedForTreatmentV2.From(Approval(courseId, now))), null, Platform.Commands.ClinicTime.At(now, Zone), Protocol).Events;
        await using var session = Host.Store.LightweightSession(ClinicScope.Development);
        session.Events.StartStream<TreatmentCourse>(courseId, [
            .. opened,
            new TherapistMatched(courseId, therapistId, null, now),
            new PreparationPhaseCompleted(courseId, therapistId, 2, now),
        ]);
        await session.SaveChangesAsync();
        return courseId;
    }

    /// <summary>
    /// Publishes the hold Integration sends for a serious adverse event and waits until the course shows it
    /// <paramref name="applied"/>; returns the hold's id (for its release).
    /// </summary>
    public async Task<Guid> PlaceHoldAsync(Guid courseId, Func<TreatmentCourse, bool> applied, string what)
    {
        var holdId = Guid.NewGuid();
        await Bus.PublishAsync(
            new SafetyHoldPlaced(courseId, Guid.NewGuid(), holdId, SafetyHoldTrigger.AdverseEvent, "Serious adverse event", Clock.GetUtcNow()),
            Guid.NewGuid());
        await Eventually.Async(async () =>
        {
            await using var query = Host.Store.QuerySession(ClinicScope.Development);
            var state = await query.LoadAsync<TreatmentCourse>(courseId);
            return state is not null && applied(state) ? state : null;
        }, what: what);
        return holdId;
    }

    public static async Task<string?> RuleIdAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        return body.TryGetProperty("ruleId", out var rule) ? rule.GetString() : null;
    }
}
