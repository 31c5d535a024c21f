using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using DemoClinic;

namespace Platform.Testing;

/// <summary>
/// The requests of a safe screening (TRD, IV ketamine, 40 years old), to vary one at a time, for every test project
/// that drives Screening over HTTP. The intake forms are DemoClinic's <see cref="SampleIntake"/>, the ones the demo
/// and the fault suite send.
/// </summary>
public static class ScreeningApi
{
    /// <summary>Screening's answer to a referral (201, or 200 for a replay).</summary>
    public sealed record Referred(Guid Id, Guid PatientId, long Version);

    /// <summary>Screening's answer to an approval: the course it opened and how long the approval holds.</summary>
    public sealed record Approved(Guid Id, Guid CourseId, DateTimeOffset ValidUntil, long Version);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) {
        Converters = { new JsonStringEnumConverter() },
    };

    public static object Referral(string indication = "TreatmentResistantDepression", string route = "IvKetamine", Guid? patientId = null) => new {
        externalReference = "EXT-" + Guid.NewGuid().ToString("N")[..8],
        referringClinician = "Dr Referrer",
        indication,
        requestedRoute = route,
        patient = new { fullName = "Alex Example", birthDate = "1985-06-01", email = "alex@example.org" },
        patientId,
    };

    public static object MedicalHistory(bool pregnant = false) => SampleIntake.MedicalHistory(pregnant);

    public static object PsychiatricHistory(bool psychosisSelf = false) => SampleIntake.PsychiatricHistory(psychosisSelf);

    public static object NoMedications => SampleIntake.NoMedications;

    public static object PriorTreatments(bool psychotherapy = true) => SampleIntake.PriorTreatments(psychotherapy);

    public static object Vitals(int systolic = 122, DateTimeOffset? takenAt = null) => new {
        systolic,
        diastolic = 78,
        heartRate = 70,
        weightKg = 72.5m,
        takenAt = takenAt ?? DateTimeOffset.UtcNow.AddMinutes(-30),
    };

    public static object Instrument(string instrument, params int[] items) => new { instrument, items };

    public static object SafeCssrs => Instrument("C-SSRS", 0, 0, 0, 0, 0, 0);

    public static object Phq9 => Instrument("PHQ-9", 2, 2, 2, 2, 2, 2, 2, 1, 0);

    /// <summary>Refers a patient with a fresh Idempotency-Key and returns the new screening.</summary>
    public static async Task<Referred> ReferAsync(HttpClient client, object? referral = null, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/screenings") {
            Content = JsonContent.Create(referral ?? Referral(), options: Json),
        };
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());
        using var response = await client.SendAsync(request);
        await ExpectAsync(response, HttpStatusCode.Created, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<Referred>(Json))!;
    }

    /// <summary>Records every required fact of a safe TRD screening; optional overrides replace one fact.</summary>
    public static async Task RecordSafeIntakeAsync(
        HttpClient client, Guid screeningId, object? psychiatricHistory = null, object? priorTreatments = null)
    {
        var path = $"/screenings/{screeningId}";
        await SendOkAsync(client, HttpMethod.Put, $"{path}/medical-history", MedicalHistory());
        await SendOkAsync(client, HttpMethod.Put, $"{path}/psychiatric-history", psychiatricHistory ?? PsychiatricHistory());
        await SendOkAsync(client, HttpMethod.Put, $"{path}/medications", NoMedications);
        await SendOkAsync(client, HttpMethod.Put, $"{path}/prior-treatments", priorTreatments ?? PriorTreatments());
        await SendOkAsync(client, HttpMethod.Post, $"{path}/vitals", Vitals());
        await SendOkAsync(client, HttpMethod.Post, $"{path}/instruments", SafeCssrs);
        await SendOkAsync(client, HttpMethod.Post, $"{path}/instruments", Phq9);
    }

    /// <summary>The prescriber approves without a justification (a safe case needs none) and gets the new course's id.</summary>
    public static async Task<Approved> ApproveAsync(HttpClient prescriber, Guid screeningId)
    {
        using var approve = await SendAsync(prescriber, HttpMethod.Post, $"/screenings/{screeningId}/approval", new { });
        await ExpectAsync(approve, HttpStatusCode.OK);
        return (await approve.Content.ReadFromJsonAsync<Approved>(Json))!;
    }

    public static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object? body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body ?? new { }, options: Json) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    public static async Task SendOkAsync(HttpClient client, HttpMethod method, string path, object body)
    {
        using var response = await SendAsync(client, method, path, body);
        await ExpectAsync(response, HttpStatusCode.OK);
    }

    public static async Task<T> GetAsync<T>(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        await ExpectAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    public static async Task ExpectAsync(HttpResponseMessage response, params HttpStatusCode[] expected)
    {
        if (!expected.Contains(response.StatusCode))
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {string.Join("/", expected)}, got {(int)response.StatusCode}: {body}");
        }
    }

    /// <summary>The problem details body, to assert on its field errors or rule id.</summary>
    public static Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected) =>
        ProblemAssert.ProblemAsync(response, expected);
}
