using System.Net.Http.Json;
using System.Text.Json;
using Platform.Commands;
using Platform.ServiceDefaults.Auth;

namespace DemoClinic;

/// <summary>The three services the loader talks to; each client is created per role so every call carries its own token.</summary>
public interface IDemoServices
{
    HttpClient Screening(string role, string subject);

    HttpClient Scheduling(string role, string subject);

    HttpClient Integration(string role, string subject);
}

/// <summary>
/// Loads the demo clinic through the public HTTP APIs only. Every creating POST carries a deterministic
/// Idempotency-Key ("demo-&lt;step&gt;"), so a second run gets the original answers back; a patient whose screening
/// already holds more than its referral was loaded before and is left as it is, so a second run creates nothing new.
/// Courses that are under way or finished (mid-induction, completed) are entered as a clinic back-enters paper
/// records: every command carries an Occurred-At in the past, in the order the facts happened, so the record is one a
/// clinic could have produced. The clock is never faked.
/// </summary>
public sealed class DemoLoader(IDemoServices services, TextWriter log)
{
    public const int ReferredPatients = 16;

    // The stage each demo patient is taken to, in order: every list and board of the three services shows rows.
    private static readonly string[] StageOf = [
        "referred", "referred", "incomplete intake", "incomplete intake", "needs review (high suicide risk)", "declined",
        "approved", "approved", "in preparation", "in preparation", "on safety hold", "first outcome measured",
        "mid-induction", "completed: remitter", "completed: responder", "completed: non-responder",
    ];

    // Back-entered courses: approved this many days ago, dosed at their own hour so they share staff and rooms, and
    // (completed ones) their last PHQ-9 total; the screening's baseline is 16, so 3 remits, 7 responds, 14 does not.
    private static readonly Dictionary<string, (int ApprovedDaysAgo, int Hour, int? FinalPhq9)> BackEntered = new() {
        ["mid-induction"] = (11, 8, null),
        ["completed: remitter"] = (45, 10, 3),
        ["completed: responder"] = (45, 12, 7),
        ["completed: non-responder"] = (45, 14, 14),
    };

    // IV ketamine induction: six doses, Monday-Wednesday-Friday over two weeks (days after the first dose).
    private static readonly int[] DosingDays = [0, 2, 4, 7, 9, 11];

    // Weekly hours are clinic-local; the demo books in the services' default clinic time zone.
    private static readonly TimeZoneInfo ClinicZone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public DemoResult Result { get; } = new();

    public async Task RunAsync(CancellationToken ct)
    {
        var scheduler = services.Scheduling(Roles.Scheduler, "demo-scheduler");
        var ehr = services.Screening(Roles.System, "demo-ehr");

        var farFuture = DateOnly.FromDateTime(DateTime.UtcNow.AddYears(2)).ToString("yyyy-MM-dd");
        var expired = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-30)).ToString("yyyy-MM-dd");

        await StaffAsync(scheduler, "staff-therapist-1", new {
            displayName = "Demo Therapist 01",
            role = "Therapist",
            credentials = new[] { new { kind = "License", identifier = "DEMO-LPC-01", expiresOn = farFuture } },
        }, ct);
        await StaffAsync(scheduler, "staff-therapist-2", new {
            displayName = "Demo Therapist 02",
            role = "Therapist",
            credentials = new[] { new { kind = "License", identifier = "DEMO-LPC-02", expiresOn = farFuture } },
        }, ct);
        await StaffAsync(scheduler, "staff-crna-1", new {
            displayName = "Demo CRNA 01",
            role = "MedicalProfessional",
            medicalKind = "Crna",
            credentials = new[] {
                new { kind = "License", identifier = "DEMO-RN-01", expiresOn = farFuture },
                new { kind = "Acls", identifier = "DEMO-ACLS-01", expiresOn = farFuture },
            },
        }, ct);
        // The expired ACLS: the booking rules must refuse this professional for dosing, and the demo shows it.
        await StaffAsync(scheduler, "staff-crna-2-expired-acls", new {
            displayName = "Demo CRNA 02 (expired ACLS)",
            role = "MedicalProfessional",
            medicalKind = "Crna",
            credentials = new[] {
                new { kind = "License", identifier = "DEMO-RN-02", expiresOn = farFuture },
                new { kind = "Acls", identifier = "DEMO-ACLS-02", expiresOn = expired },
            },
        }, ct);

        foreach (var room in new[] { "Demo Infusion Room 1", "Demo Infusion Room 2" })
        {
            var step = "room-" + room[^1];
            var id = await CreateAsync(scheduler, step, "/rooms", new { name = room }, ct);
            await AllWeekAsync(scheduler, step + "-availability", $"/rooms/{id}/availability", ct);
            Result.Rooms.Add(id);
        }

        var intake = services.Screening(Roles.Intake, "demo-intake");
        var prescriber = services.Screening(Roles.Prescriber, "demo-prescriber");
        for (var n = 1; n <= ReferredPatients; n++)
        {
            var step = $"patient-{n:00}";
            var stage = StageOf[n - 1];
            DateTimeOffset? approvedAt = BackEntered.TryGetValue(stage, out var course)
                ? ClinicInstant(ClinicToday().AddDays(-course.ApprovedDaysAgo), 9)
                : null;
            var id = await CreateAsync(ehr, step + "-referral", "/screenings", new {
                externalReference = $"DEMO-{n:00}",
                referringClinician = "Dr Demo Referrer",
                indication = "TreatmentResistantDepression",
                requestedRoute = "IvKetamine",
                patient = new { fullName = $"Demo Patient {n:00}", birthDate = "1980-01-01", email = $"demo.patient{n:00}@example.invalid" },
            }, ct, approvedAt?.AddDays(-2));
            Result.Screenings.Add(id);
            Result.Stages[stage] = Result.Stages.GetValueOrDefault(stage) + 1;
            if (await VersionAsync(intake, $"/screenings/{id}", ct) > 2)
            {
                log.WriteLine($"skip {step}: loaded before");
                continue;
            }

            await PatientAsync(n, step, id, stage, approvedAt, intake, prescriber, scheduler, ct);
        }

        log.WriteLine($"summary: {Result.Staff.Count} staff, {Result.Rooms.Count} rooms, patients by stage: "
            + string.Join(", ", Result.Stages.Select(s => $"{s.Key} {s.Value}")));
    }

    /// <summary>Takes one referred patient through the screening and, once approved, into the course's stage.</summary>
    /// <param name="approvedAt">For a back-entered course: when it was approved; the intake was the day before.</param>
    private async Task PatientAsync(
        int n, string step, Guid id, string stage, DateTimeOffset? approvedAt, HttpClient intake, HttpClient prescriber, HttpClient scheduler,
        CancellationToken ct)
    {
        var intakeAt = approvedAt?.AddDays(-1);
        if (stage == "referred")
        {
            return;
        }

        var screening = $"/screenings/{id}";
        await SendAsync(intake, HttpMethod.Put, step + "-medical-history", screening + "/medical-history", intakeAt, SampleIntake.MedicalHistory(), ct);
        await SendAsync(intake, HttpMethod.Put, step + "-psychiatric-history", screening + "/psychiatric-history", intakeAt, SampleIntake.PsychiatricHistory(), ct);
        if (stage == "incomplete intake")
        {
            return;
        }

        if (stage.StartsWith("needs review", StringComparison.Ordinal))
        {
            // Suicidal behaviour in the last three months: the screener flags high risk and the case waits for review.
            await SendAsync(intake, HttpMethod.Post, step + "-cssrs", screening + "/instruments",
                new { instrument = "C-SSRS", items = new[] { 1, 1, 1, 1, 1, 1 }, behaviourWithinPastThreeMonths = true }, ct);
            return;
        }

        if (stage == "declined")
        {
            await SendAsync(prescriber, HttpMethod.Post, step + "-decline", screening + "/decline",
                new { reason = "Prefers to complete a course of psychotherapy first" }, ct);
            return;
        }

        await SendAsync(intake, HttpMethod.Put, step + "-medications", screening + "/medications", intakeAt, SampleIntake.NoMedications, ct);
        await SendAsync(intake, HttpMethod.Put, step + "-prior-treatments", screening + "/prior-treatments", intakeAt, SampleIntake.PriorTreatments(), ct);
        await SendAsync(intake, HttpMethod.Post, step + "-vitals", screening + "/vitals", intakeAt,
            new { systolic = 122, diastolic = 78, heartRate = 70, weightKg = 72.5, takenAt = (intakeAt ?? DateTimeOffset.UtcNow).AddMinutes(-10) }, ct);
        await SendAsync(intake, HttpMethod.Post, step + "-cssrs", screening + "/instruments", intakeAt,
            new { instrument = "C-SSRS", items = new[] { 0, 0, 0, 0, 0, 0 } }, ct);
        await SendAsync(intake, HttpMethod.Post, step + "-phq9", screening + "/instruments", intakeAt,
            new { instrument = "PHQ-9", items = new[] { 2, 2, 2, 3, 2, 2, 2, 1, 0 } }, ct);
        var approval = await SendAsync(prescriber, HttpMethod.Post, step + "-approval", screening + "/approval", approvedAt, new { }, ct, idempotent: true);
        var course = approval.GetProperty("courseId").GetGuid();
        Result.Courses.Add(course);
        await WaitForCourseAsync(scheduler, step, $"/courses/{course}", ct);
        switch (stage)
        {
            case "in preparation":
                await SendAsync(scheduler, HttpMethod.Put, step + "-therapist", $"/courses/{course}/therapist", new { therapistId = Result.Staff[0] }, ct);
                // Next week, one hour per patient on Monday and Tuesday mornings: the same therapist never overlaps.
                var monday = NextMonday();
                for (var day = 0; day < 2; day++)
                {
                    var start = ClinicInstant(monday.AddDays(day), 9 + (n % 4));
                    await SendAsync(scheduler, HttpMethod.Post, $"{step}-preparation-{day + 1}", $"/courses/{course}/sessions",
                        new { kind = "Preparation", start, end = start.AddHours(1) }, ct, idempotent: true);
                }

                break;
            case "on safety hold":
                var medical = services.Integration(Roles.Medical, "demo-medical");
                await WaitForCourseAsync(medical, step, $"/courses/{course}", ct);
                // Serious: Integration places the hold, Scheduling blocks dosing and Screening asks for re-screening.
                await SendAsync(medical, HttpMethod.Post, step + "-adverse-event", $"/courses/{course}/adverse-events", new {
                    type = "EmergenceReaction",
                    severity = "Serious",
                    occurredAt = DateTimeOffset.UtcNow,
                    onsetMinutesAfterDose = 20,
                    description = "Severe agitation on emergence",
                    actionTaken = "Observed, midazolam",
                    outcome = "Resolved",
                }, ct, idempotent: true);
                break;
            case var backEntered when approvedAt is { } approved:
                await BackEnteredCourseAsync(step, course, approved, BackEntered[backEntered], scheduler, ct);
                break;
            case "first outcome measured":
                var therapist = services.Integration(Roles.Therapist, "demo-therapist");
                await WaitForCourseAsync(therapist, step, $"/courses/{course}", ct);
                await SendAsync(therapist, HttpMethod.Post, step + "-phq9-outcome", $"/courses/{course}/outcomes",
                    new { instrument = "PHQ-9", items = new[] { 1, 1, 1, 2, 1, 1, 1, 0, 0 } }, ct, idempotent: true);
                break;
        }
    }

    /// <summary>
    /// A course as its paper record has it: preparation, then IV doses Monday-Wednesday-Friday each followed by an
    /// integration session the next day and a PHQ-9 every second dose; a completed course ends with the prescriber's
    /// evaluation. Each service's record gets its facts in the order they happened.
    /// </summary>
    private async Task BackEnteredCourseAsync(
        string step, Guid course, DateTimeOffset approvedAt, (int ApprovedDaysAgo, int Hour, int? FinalPhq9) plan, HttpClient scheduler,
        CancellationToken ct)
    {
        var medical = services.Scheduling(Roles.Medical, "demo-medical");
        var therapist = services.Scheduling(Roles.Therapist, "demo-therapist");
        var integration = services.Integration(Roles.Therapist, "demo-therapist");
        var prescriber = services.Integration(Roles.Prescriber, "demo-prescriber");
        var approvedOn = ClinicCalendarDay(approvedAt);
        DateTimeOffset At(int day, int hour, int minute = 0) => ClinicInstant(approvedOn.AddDays(day), hour).AddMinutes(minute);
        var path = $"/courses/{course}";

        await SendAsync(scheduler, HttpMethod.Put, step + "-therapist", path + "/therapist", At(0, 10), new { therapistId = Result.Staff[0] }, ct);
        var preparation = new List<(Guid Session, DateTimeOffset Start)>();
        for (var day = 1; day <= 2; day++)
        {
            var start = At(day, plan.Hour);
            var booked = await SendAsync(scheduler, HttpMethod.Post, $"{step}-preparation-{day}", path + "/sessions", At(0, 11),
                new { kind = "Preparation", start, end = start.AddHours(1) }, ct, idempotent: true);
            preparation.Add((booked.GetProperty("sessionId").GetGuid(), start));
        }

        foreach (var (session, start) in preparation)
        {
            await SendAsync(therapist, HttpMethod.Post, $"{step}-preparation-{session}-held", $"{path}/sessions/{session}/held", start.AddMinutes(65), new { }, ct);
        }

        // Mid-induction: the doses whose next day is past are done, the rest of the series is still to come.
        var today = ClinicToday();
        var doses = DosingDays.Count(d => approvedOn.AddDays(3 + d + 1) < today);
        for (var dose = 0; dose < doses; dose++)
        {
            var day = 3 + DosingDays[dose];
            var start = At(day, plan.Hour);
            var booked = await SendAsync(scheduler, HttpMethod.Post, $"{step}-dose-{dose + 1}", path + "/sessions", At(day - 1, 17),
                new { kind = "Dosing", start, end = start.AddHours(2), medicalProfessionalId = Result.Staff[2], roomId = Result.Rooms[0] }, ct,
                idempotent: true);
            var sessionId = booked.GetProperty("sessionId").GetGuid();
            var session = $"{path}/sessions/{sessionId}";
            await SendAsync(medical, HttpMethod.Post, $"{step}-dose-{dose + 1}-check-in", session + "/check-in", start.AddMinutes(-10), new {
                preDose = new { systolic = 124, diastolic = 80, heartRate = 72, takenAt = start.AddMinutes(-15) },
                fastingConfirmed = true,
                rideHomeConfirmed = true,
            }, ct);
            await SendAsync(medical, HttpMethod.Post, $"{step}-dose-{dose + 1}-dose", session + "/dose", start, new { doseMg = 35 }, ct);
            await SendAsync(medical, HttpMethod.Post, $"{step}-dose-{dose + 1}-vitals", session + "/vitals", start.AddMinutes(41),
                new { vitals = new { systolic = 134, diastolic = 84, heartRate = 78, takenAt = start.AddMinutes(40) } }, ct);
            await SendAsync(medical, HttpMethod.Post, $"{step}-dose-{dose + 1}-cadss", session + "/cadss", start.AddMinutes(45),
                new { items = new[] { 1, 0, 1, 0, 0, 0 } }, ct);
            await SendAsync(medical, HttpMethod.Post, $"{step}-dose-{dose + 1}-discharge", session + "/discharge", start.AddMinutes(125), new {
                atDischarge = new { systolic = 122, diastolic = 78, heartRate = 70, takenAt = start.AddMinutes(122) },
                sedationResolved = true,
                dissociationResolved = true,
            }, ct);

            // Integration records the dose from Scheduling's message; the next day's session refers to it. A course under way
            // missed the one after its latest dose (four days ago): it shows on the overdue list.
            await WaitForDosesAsync(integration, step, path, dose + 1, ct);
            if (plan.FinalPhq9 is null && dose == doses - 1)
            {
                break;
            }

            await SendAsync(integration, HttpMethod.Post, $"{step}-integration-{dose + 1}", path + "/integration-sessions", At(day + 1, plan.Hour + 1),
                new { dosingSessionId = sessionId, themes = new[] { "grief", "hope" } }, ct, idempotent: true);
            if (dose % 2 == 1)
            {
                // The PHQ-9 falls towards the course's final total over the series.
                var total = 16 - ((16 - (plan.FinalPhq9 ?? 10)) * (dose + 1) / DosingDays.Length);
                await SendAsync(integration, HttpMethod.Post, $"{step}-phq9-{dose + 1}", path + "/outcomes", At(day + 1, plan.Hour + 2),
                    new { instrument = "PHQ-9", items = Phq9Items(total) }, ct, idempotent: true);
            }
        }

        if (plan.FinalPhq9 is not null)
        {
            await SendAsync(prescriber, HttpMethod.Post, step + "-evaluation", path + "/evaluation", At(3 + DosingDays[^1] + 3, plan.Hour),
                new { recommendation = "Discharge" }, ct);
        }
    }

    /// <summary>PHQ-9 answers (nine items, 0-3) adding up to the total.</summary>
    private static int[] Phq9Items(int total) => [.. Enumerable.Range(0, 9).Select(i => Math.Min(3, Math.Max(0, total - (3 * i))))];

    private async Task WaitForDosesAsync(HttpClient client, string step, string path, int doses, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            var summary = await client.GetFromJsonAsync<JsonElement>(path, Json, ct);
            if (summary.GetProperty("dosingSessions").GetArrayLength() >= doses)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        }

        throw new DemoStepFailedException(step, $"Integration did not record dose {doses} within 60 s");
    }

    private static DateOnly ClinicCalendarDay(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, ClinicZone).DateTime);

    private static DateOnly ClinicToday() => ClinicCalendarDay(DateTimeOffset.UtcNow);

    private static DateOnly NextMonday()
    {
        var today = ClinicToday();
        var ahead = ((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7;
        return today.AddDays(ahead == 0 ? 7 : ahead);
    }

    private static DateTimeOffset ClinicInstant(DateOnly day, int hour)
    {
        var local = day.ToDateTime(new TimeOnly(hour, 0));
        return new DateTimeOffset(local, ClinicZone.GetUtcOffset(local));
    }

    /// <summary>A course opens in Scheduling and Integration when the approval's message arrives, a moment later.</summary>
    private async Task WaitForCourseAsync(HttpClient client, string step, string path, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            using var response = await client.GetAsync(path, ct);
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        }

        throw new DemoStepFailedException(step, $"{client.BaseAddress}{path.TrimStart('/')} did not open within 60 s of the approval");
    }

    private static async Task<long> VersionAsync(HttpClient client, string path, CancellationToken ct) =>
        (await client.GetFromJsonAsync<JsonElement>(path, Json, ct)).GetProperty("version").GetInt64();

    private Task<JsonElement> SendAsync(
        HttpClient client, HttpMethod method, string step, string path, object body, CancellationToken ct, bool idempotent = false) =>
        SendAsync(client, method, step, path, occurredAt: null, body, ct, idempotent);

    /// <summary>
    /// A command of the walkthrough; creating ones carry the step's deterministic Idempotency-Key, back-entered ones
    /// the instant their facts happened.
    /// </summary>
    private async Task<JsonElement> SendAsync(
        HttpClient client, HttpMethod method, string step, string path, DateTimeOffset? occurredAt, object body, CancellationToken ct,
        bool idempotent = false)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, options: Json) };
        if (occurredAt is { } at)
        {
            request.Headers.Add(OccurredAt.Header, at.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }

        if (idempotent)
        {
            request.Headers.Add("Idempotency-Key", "demo-" + step);
        }

        using var response = await client.SendAsync(request, ct);
        await ExpectSuccessAsync(step, response, ct);
        log.WriteLine($"ok   {step}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(Json, ct);
    }

    private async Task StaffAsync(HttpClient scheduler, string step, object staff, CancellationToken ct)
    {
        var id = await CreateAsync(scheduler, step, "/staff", staff, ct);
        await AllWeekAsync(scheduler, step + "-availability", $"/staff/{id}/availability", ct);
        Result.Staff.Add(id);
    }

    private async Task AllWeekAsync(HttpClient client, string step, string path, CancellationToken ct)
    {
        var weekly = Enum.GetValues<DayOfWeek>().Select(d => new { day = d.ToString(), start = "08:00", end = "18:00" }).ToList();
        using var response = await client.PutAsJsonAsync(path, new { weekly, timeOff = Array.Empty<object>() }, Json, ct);
        await ExpectSuccessAsync(step, response, ct);
        log.WriteLine($"ok   {step}");
    }

    /// <summary>A creating POST with the step's deterministic key; the answer's id (the original one on a re-run).</summary>
    private async Task<Guid> CreateAsync(HttpClient client, string step, string path, object body, CancellationToken ct, DateTimeOffset? occurredAt = null) =>
        (await SendAsync(client, HttpMethod.Post, step, path, occurredAt, body, ct, idempotent: true)).GetProperty("id").GetGuid();

    private static async Task ExpectSuccessAsync(string step, HttpResponseMessage response, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            throw new DemoStepFailedException(step, $"{(int)response.StatusCode} {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {body}");
        }
    }
}

public sealed class DemoResult
{
    public List<Guid> Staff { get; } = [];

    public List<Guid> Rooms { get; } = [];

    public List<Guid> Screenings { get; } = [];

    public List<Guid> Courses { get; } = [];

    public Dictionary<string, int> Stages { get; } = [];
}

public sealed class DemoStepFailedException(string step, string problem) : Exception($"step {step} failed: {problem}")
{
    public string Step { get; } = step;
}
