using System.Text.Json;
using Platform.Contracts;
using Scheduling.Api;
using Scheduling.Api.Queries;
using Scheduling.Api.Resources;
using Screening.Api.Screenings;

namespace EndToEnd.Tests;

/// <summary>
/// One patient's course driven through the three services' HTTP APIs, step by step, on the clinic's shared clock.
/// Every instant of the plan is fixed when the course is approved (clinic-local days from that day): two preparation
/// sessions on day 1, then the six IV dosing sessions every third day from day 2 (10:00-12:00), which keeps them 72 h
/// apart and at most three in any rolling seven days, inside the 21-day induction window.
/// </summary>
public sealed class CourseScript
{
    public const int Phq9Baseline = 15; // the screening PHQ-9 of ScreeningApi.RecordSafeIntakeAsync

    private static readonly JsonSerializerOptions Json = ScreeningApi.Json;
    private static readonly TimeSpan DosingBlock = TimeSpan.FromHours(2);

    private readonly Clinic clinic;
    private readonly TimeZoneInfo zone = SchedulingProtocol.Default.ResolveTimeZone();
    private readonly DateOnly approvalDay;
    private readonly Dictionary<int, Guid> dosingSessions = [];

    private CourseScript(Clinic clinic, Guid screeningId, Guid courseId)
    {
        this.clinic = clinic;
        ScreeningId = screeningId;
        CourseId = courseId;
        approvalDay = AvailabilityCalculator.LocalDate(clinic.Clock.GetUtcNow(), zone);
        Scheduler = clinic.Scheduling.ClientFor(Roles.Scheduler, "scheduler-1");
        SchedulingTherapist = clinic.Scheduling.ClientFor(Roles.Therapist, "therapist-1");
        SchedulingMedical = clinic.Scheduling.ClientFor(Roles.Medical, "crna-1");
        Therapist = clinic.Integration.ClientFor(Roles.Therapist, "therapist-1");
        Medical = clinic.Integration.ClientFor(Roles.Medical, "crna-1");
        Prescriber = clinic.Integration.ClientFor(Roles.Prescriber, "prescriber-1");
    }

    public Guid ScreeningId { get; }

    public Guid CourseId { get; }

    public Guid TherapistId { get; private set; }

    public Guid MedicalId { get; private set; }

    public Guid RoomId { get; private set; }

    public MovableClock Clock => clinic.Clock;

    public HttpClient Scheduler { get; }

    public HttpClient SchedulingTherapist { get; }

    public HttpClient SchedulingMedical { get; }

    /// <summary>The therapist in Integration.</summary>
    public HttpClient Therapist { get; }

    /// <summary>The medical professional in Integration.</summary>
    public HttpClient Medical { get; }

    /// <summary>The prescriber in Integration.</summary>
    public HttpClient Prescriber { get; }

    public Guid DosingSession(int number) => dosingSessions[number];

    public DateTimeOffset PreparationStart(int number) => LocalAt(1, number == 1 ? 9 : 11);

    public DateTimeOffset DosingStart(int number) => LocalAt(2 + (3 * (number - 1)), 10);

    // ---- Screening ------------------------------------------------------------------------------------------

    /// <summary>Referral, safe intake and approval in Screening; waits until Scheduling and Integration open the course.</summary>
    public static async Task<CourseScript> ApprovedAsync(Clinic clinic) =>
        await ApprovedAsync(clinic, (await ScreeningApi.ReferAsync(clinic.Screening.ClientFor(Roles.System, "ehr"))).Id);

    /// <summary>Safe intake and approval of a screening already referred (e.g. by a FHIR ServiceRequest); waits until the course opens.</summary>
    public static async Task<CourseScript> ApprovedAsync(Clinic clinic, Guid screeningId)
    {
        await ScreeningApi.RecordSafeIntakeAsync(clinic.Screening.ClientFor(Roles.Intake, "intake-1"), screeningId);
        var courseId = (await ScreeningApi.ApproveAsync(clinic.Screening.ClientFor(Roles.Prescriber, "prescriber-1"), screeningId)).CourseId;

        var script = new CourseScript(clinic, screeningId, courseId);
        await Eventually.Async(() => script.FindAsync(script.Scheduler, $"/courses/{courseId}"), what: "Scheduling to open the course");
        await Eventually.Async(() => script.FindAsync(script.Therapist, $"/courses/{courseId}"), what: "Integration to open the course");
        return script;
    }

    /// <summary>An approved course with its therapist matched, preparation held and the six dosing sessions booked.</summary>
    public static async Task<CourseScript> ReadyToDoseAsync(Clinic clinic) =>
        await ReadyToDoseAsync(clinic, (await ScreeningApi.ReferAsync(clinic.Screening.ClientFor(Roles.System, "ehr"))).Id);

    /// <summary>The same for a screening already referred (e.g. with a patient of the test's own).</summary>
    public static async Task<CourseScript> ReadyToDoseAsync(Clinic clinic, Guid screeningId)
    {
        var script = await ApprovedAsync(clinic, screeningId);
        await script.StaffAndMatchTherapistAsync();
        await script.HoldPreparationAsync();
        await script.BookDosingSeriesAsync();
        return script;
    }

    // ---- Scheduling: set-up, preparation, bookings ----------------------------------------------------------

    /// <summary>A therapist, a CRNA and a room, open 07:00-21:00 every day; the therapist matched to the course.</summary>
    public async Task StaffAndMatchTherapistAsync()
    {
        TherapistId = await StaffAsync(new { displayName = "Ana Therapist", role = "Therapist", credentials = new[] { Credential("License") } });
        MedicalId = await StaffAsync(new {
            displayName = "Ben CRNA",
            role = "MedicalProfessional",
            medicalKind = "Crna",
            credentials = new[] { Credential("License"), Credential("Acls") },
        });
        RoomId = await CreatedAsync(await Scheduler.PostAsJsonAsync("/rooms", new { name = "Infusion 1" }, Json));
        await AllWeekAsync($"/rooms/{RoomId}/availability");
        await OkAsync(await Scheduler.PutAsJsonAsync($"/courses/{CourseId}/therapist", new { therapistId = TherapistId }, Json));
    }

    /// <summary>Both preparation sessions booked, and marked held by the therapist once each has ended.</summary>
    public async Task HoldPreparationAsync()
    {
        var first = await BookOkAsync(SessionKind.Preparation, PreparationStart(1), TimeSpan.FromHours(1));
        var second = await BookOkAsync(SessionKind.Preparation, PreparationStart(2), TimeSpan.FromHours(1));
        foreach (var (session, number) in new[] { (first, 1), (second, 2) })
        {
            Clock.MoveTo(PreparationStart(number).AddHours(1));
            await OkAsync(await SchedulingTherapist.PostAsync($"/courses/{CourseId}/sessions/{session}/held", null));
        }
    }

    /// <summary>Books all six dosing sessions of the induction series with the CRNA and the room.</summary>
    public async Task BookDosingSeriesAsync()
    {
        for (var number = 1; number <= 6; number++)
        {
            dosingSessions[number] = await BookOkAsync(SessionKind.Dosing, DosingStart(number), DosingBlock, MedicalId, RoomId);
        }
    }

    public Task<HttpResponseMessage> BookDosingAsync(DateTimeOffset start) =>
        BookAsync(SessionKind.Dosing, start, DosingBlock, MedicalId, RoomId);

    // ---- Scheduling: one dosing session ---------------------------------------------------------------------

    /// <summary>Check-in 10 minutes before, the dose, vitals and CADSS at 40 minutes, discharge after 2 h 5 min.</summary>
    public async Task RunDosingSessionAsync(int number)
    {
        await StartDoseAsync(number);
        var start = DosingStart(number);
        var path = $"/courses/{CourseId}/sessions/{DosingSession(number)}";

        Clock.MoveTo(start.AddMinutes(40));
        await OkAsync(await SchedulingMedical.PostAsJsonAsync($"{path}/vitals", new { vitals = Vitals(134, 86) }, Json));
        await OkAsync(await SchedulingMedical.PostAsJsonAsync($"{path}/cadss", new { items = new[] { 1, 0, 1, 0, 0, 0 } }, Json));

        Clock.MoveTo(start.AddMinutes(125));
        await OkAsync(await SchedulingMedical.PostAsJsonAsync($"{path}/discharge", new {
            atDischarge = Vitals(124, 80),
            sedationResolved = true,
            dissociationResolved = true,
        }, Json));
    }

    /// <summary>Check-in 10 minutes before and the dose at the session's start; the dose is then in progress.</summary>
    public async Task StartDoseAsync(int number)
    {
        var start = DosingStart(number);
        var path = $"/courses/{CourseId}/sessions/{DosingSession(number)}";

        Clock.MoveTo(start.AddMinutes(-10));
        await OkAsync(await SchedulingMedical.PostAsJsonAsync($"{path}/check-in", new {
            preDose = Vitals(128, 82),
            fastingConfirmed = true,
            rideHomeConfirmed = true,
        }, Json));

        Clock.MoveTo(start);
        await OkAsync(await SchedulingMedical.PostAsJsonAsync($"{path}/dose", new { doseMg = 35 }, Json));
    }

    public async Task<CourseView> SchedulingCourseAsync()
    {
        using var response = await Scheduler.GetAsync($"/courses/{CourseId}");
        await ScreeningApi.ExpectAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<CourseView>(Json))!;
    }

    // ---- Integration ----------------------------------------------------------------------------------------

    /// <summary>Waits until Integration has recorded the dosing session from Scheduling's DosingSessionCompleted.</summary>
    public async Task<JsonElement> AwaitDoseInIntegrationAsync(int number)
    {
        var sessionId = DosingSession(number);
        var recorded = await Eventually.Async(async () =>
        {
            var course = await FindAsync(Therapist, $"/courses/{CourseId}");
            return course?.GetProperty("dosingSessions").EnumerateArray()
                .Cast<JsonElement?>()
                .FirstOrDefault(d => d!.Value.GetProperty("sessionId").GetGuid() == sessionId);
        }, what: $"Integration to record dosing session {number}");
        return recorded!.Value;
    }

    /// <summary>The therapist holds the integration session for the dosing session three hours after its discharge.</summary>
    public async Task HoldIntegrationSessionAsync(int number, string? notes = null)
    {
        Clock.MoveTo(DosingStart(number).AddHours(5));
        await OkAsync(await Therapist.PostAsJsonAsync($"/courses/{CourseId}/integration-sessions", new {
            dosingSessionId = DosingSession(number),
            heldAt = Clock.GetUtcNow(),
            themes = new[] { "connection" },
            notes = notes ?? $"Integration after dose {number}",
        }, Json));
    }

    public async Task RecordPhq9Async(int total) =>
        await OkAsync(await Therapist.PostAsJsonAsync($"/courses/{CourseId}/outcomes", new {
            instrument = "PHQ-9",
            items = Phq9Items(total),
            measuredAt = Clock.GetUtcNow(),
        }, Json));

    public async Task<JsonElement> IntegrationCourseAsync() =>
        (await FindAsync(Therapist, $"/courses/{CourseId}")) ?? throw new InvalidOperationException("no course in Integration");

    // ---- Small helpers --------------------------------------------------------------------------------------

    public static async Task<string?> RuleIdAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        return body.ValueKind == JsonValueKind.Object && body.TryGetProperty("ruleId", out var rule) ? rule.GetString() : null;
    }

    public static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        using (response)
        {
            await ScreeningApi.ExpectAsync(response, HttpStatusCode.OK, HttpStatusCode.Created);
            return await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        }
    }

    /// <summary>PHQ-9 answers (nine items 0-3) that add up to the total.</summary>
    private static int[] Phq9Items(int total) =>
        Enumerable.Range(0, 9).Select(i => Math.Min(3, Math.Max(0, total - (3 * i)))).ToArray();

    private object Vitals(int systolic, int diastolic) =>
        new { systolic, diastolic, heartRate = 72, takenAt = Clock.GetUtcNow() };

    private DateTimeOffset LocalAt(int days, int hour) =>
        AvailabilityCalculator.ToUtc(approvalDay.AddDays(days).ToDateTime(new TimeOnly(hour, 0)), zone);

    private static object Credential(string kind) =>
        new { kind, identifier = "X-1", expiresOn = DateOnly.FromDateTime(DateTime.UtcNow.AddYears(2)) };

    private async Task<Guid> StaffAsync(object staff)
    {
        var id = await CreatedAsync(await Scheduler.PostAsJsonAsync("/staff", staff, Json));
        await AllWeekAsync($"/staff/{id}/availability");
        return id;
    }

    private static async Task<Guid> CreatedAsync(HttpResponseMessage response) => (await OkAsync(response)).GetProperty("id").GetGuid();

    private async Task AllWeekAsync(string path)
    {
        var weekly = Enum.GetValues<DayOfWeek>().Select(d => new { day = d.ToString(), start = "07:00", end = "21:00" }).ToList();
        await OkAsync(await Scheduler.PutAsJsonAsync(path, new { weekly, timeOff = Array.Empty<object>() }, Json));
    }

    private Task<HttpResponseMessage> BookAsync(SessionKind kind, DateTimeOffset start, TimeSpan length, Guid? medical = null, Guid? room = null) =>
        Scheduler.PostAsJsonAsync($"/courses/{CourseId}/sessions", new {
            kind = kind.ToString(),
            start,
            end = start + length,
            medicalProfessionalId = medical,
            roomId = room,
        }, Json);

    private async Task<Guid> BookOkAsync(SessionKind kind, DateTimeOffset start, TimeSpan length, Guid? medical = null, Guid? room = null) =>
        (await OkAsync(await BookAsync(kind, start, length, medical, room))).GetProperty("sessionId").GetGuid();

    private async Task<JsonElement?> FindAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await ScreeningApi.ExpectAsync(response, HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Json);
    }
}
