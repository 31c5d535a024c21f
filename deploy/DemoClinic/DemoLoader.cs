using System.Net.Http.Json;
using System.Text.Json;
using Platform.ServiceDefaults.Auth;

namespace DemoClinic;

/// <summary>The three services the loader talks to; each client is created per role so every call carries its own token.</summary>
public interface IDemoServices
{
    HttpClient Screening(string role, string subject);

    HttpClient Scheduling(string role, string subject);
}

/// <summary>
/// Loads the demo clinic through the public HTTP APIs only. Every creating POST carries a deterministic
/// Idempotency-Key ("demo-&lt;step&gt;"), so a second run gets the original answers back and creates nothing new.
/// Stages that need facts in the past (mid-induction, completed courses) wait for a bounded "recorded at" on the
/// service commands; they are further steps here once that exists.
/// </summary>
public sealed class DemoLoader(IDemoServices services, TextWriter log)
{
    public const int ReferredPatients = 12;

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

        for (var n = 1; n <= ReferredPatients; n++)
        {
            var step = $"patient-{n:00}-referral";
            var id = await CreateAsync(ehr, step, "/screenings", new {
                externalReference = $"DEMO-{n:00}",
                referringClinician = "Dr Demo Referrer",
                indication = "TreatmentResistantDepression",
                requestedRoute = "IvKetamine",
                patient = new { fullName = $"Demo Patient {n:00}", birthDate = "1980-01-01", email = $"demo.patient{n:00}@example.invalid" },
            }, ct);
            Result.Screenings.Add(id);
            Result.Stages["referred"] = Result.Stages.GetValueOrDefault("referred") + 1;
        }

        log.WriteLine($"summary: {Result.Staff.Count} staff, {Result.Rooms.Count} rooms, patients by stage: "
            + string.Join(", ", Result.Stages.Select(s => $"{s.Key} {s.Value}")));
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
    private async Task<Guid> CreateAsync(HttpClient client, string step, string path, object body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: Json) };
        request.Headers.Add("Idempotency-Key", "demo-" + step);
        using var response = await client.SendAsync(request, ct);
        await ExpectSuccessAsync(step, response, ct);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Json, ct)).GetProperty("id").GetGuid();
        log.WriteLine($"ok   {step} {id}");
        return id;
    }

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

    public Dictionary<string, int> Stages { get; } = [];
}

public sealed class DemoStepFailedException(string step, string problem) : Exception($"step {step} failed: {problem}")
{
    public string Step { get; } = step;
}
