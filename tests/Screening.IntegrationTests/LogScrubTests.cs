using System.Text;
using static Platform.Testing.ScreeningApi;

namespace Screening.IntegrationTests;

/// <summary>
/// PHI never reaches a log record or a trace. Screening is the service that takes identifiable PHI (name, birth
/// date, contacts, psychiatric history, medications), so its host is the one to watch (<see cref="TelemetryCapture"/>:
/// Npgsql, Marten, MassTransit, ASP.NET Core included), while a patient with distinctive canary values goes through
/// intake, including the hostile inputs that once made Npgsql log request bodies (a NUL character, a 100k string, null
/// array elements, malformed JSON).
/// </summary>
public sealed class LogScrubTests
{
    private static readonly string[] Canaries =
    [
        "Zebulon", "Quaggmire", "1971-03-17", "zq.canary@example.org", "555-0143-777",
        "canaryweed", "Canaryzepam", "wrenfinch intentions",
    ];

    [Fact]
    public async Task No_canary_phi_appears_in_any_log_record_or_activity_while_intake_runs_with_hostile_inputs()
    {
        using var capture = new TelemetryCapture();
        await using var service = await ServiceHost.StartAsync<ScreeningServiceMarker>(ServiceHost.NewEntityPrefix(), configureServices: capture.AddTo);

        var system = service.ClientFor(Roles.System, "ehr");
        var intake = service.ClientFor(Roles.Intake, "intake-1");
        var patient = new { fullName = "Zebulon Quaggmire", birthDate = "1971-03-17", email = "zq.canary@example.org", phone = "+1-555-0143-777" };
        var referral = await ReferAsync(system, new {
            externalReference = "EXT-" + Guid.NewGuid().ToString("N")[..8],
            referringClinician = "Dr Referrer",
            indication = "TreatmentResistantDepression",
            requestedRoute = "IvKetamine",
            patient,
        });
        var path = $"/screenings/{referral.Id}";
        await SendOkAsync(intake, HttpMethod.Put, $"{path}/medical-history", MedicalHistory());
        await SendOkAsync(intake, HttpMethod.Put, $"{path}/psychiatric-history", new {
            psychosisSelf = false,
            psychosisFirstDegreeRelative = false,
            bipolarDisorder = false,
            currentMania = false,
            onMoodStabiliser = false,
            substanceUseDisorder = true,
            substances = new[] { "canaryweed, disclosed relapse" },
            substanceLastUsedOn = DateOnly.FromDateTime(DateTime.UtcNow.AddYears(-2)).ToString("yyyy-MM-dd"),
            ketamineOrPcpMisuseLastOn = (string?)null,
        });
        await SendOkAsync(intake, HttpMethod.Put, $"{path}/medications", new {
            medications = new[] { new { @class = "Antidepressant", name = "Canaryzepam", dailyDoseMg = 50m, diazepamEquivalentMgPerDay = (decimal?)null } },
        });
        await RecordSafeIntakeRestAsync(intake, path);
        await GetAsync<object>(intake, path);

        // Hostile inputs: each must be refused (4xx), and the refusal must not carry the values into a log.
        var nul = new { fullName = "Zebulon\u0000Quaggmire", birthDate = "1971-03-17", email = "zq.canary@example.org", phone = "+1-555-0143-777" };
        var huge = new { fullName = "Zebulon Quaggmire " + new string('Q', 100_000), birthDate = "1971-03-17", email = "zq.canary@example.org" };
        foreach (var hostile in new[] { nul, (object)huge })
        {
            using var response = await SendKeyedAsync(system, HttpMethod.Post, "/screenings", new {
                externalReference = "EXT-" + Guid.NewGuid().ToString("N")[..8],
                referringClinician = "Dr Referrer",
                indication = "TreatmentResistantDepression",
                requestedRoute = "IvKetamine",
                patient = hostile,
            }, idempotencyKey: Guid.NewGuid().ToString());
            AssertRefused(response);
        }

        using (var nullElements = await SendAsync(intake, HttpMethod.Put, $"{path}/medications", new {
            medications = new object?[] { null, new { @class = "Other", name = "Canaryzepam\u0000", dailyDoseMg = 1m } },
        }))
        {
            AssertRefused(nullElements);
        }

        using (var nullSubstances = await SendAsync(intake, HttpMethod.Put, $"{path}/psychiatric-history", new {
            psychosisSelf = false,
            substanceUseDisorder = true,
            substances = new[] { null, "canaryweed \u0000 wrenfinch intentions" },
        }))
        {
            AssertRefused(nullSubstances);
        }

        using (var malformed = new HttpRequestMessage(HttpMethod.Post, "/screenings") {
            Content = new StringContent("{\"patient\":{\"fullName\":\"Zebulon Quaggmire\",\"email\":\"zq.canary@example.org\",\"note\":\"wrenfinch intentions", Encoding.UTF8, "application/json"),
        })
        {
            malformed.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            using var response = await system.SendAsync(malformed);
            AssertRefused(response);
        }

        await service.CatchUpAsync();
        await service.DisposeAsync(); // shutdown logs too
        capture.AssertNoneCarries(Canaries);
    }

    private static async Task RecordSafeIntakeRestAsync(HttpClient intake, string path)
    {
        await SendOkAsync(intake, HttpMethod.Put, $"{path}/prior-treatments", PriorTreatments());
        await SendOkAsync(intake, HttpMethod.Post, $"{path}/vitals", Vitals());
        await SendOkAsync(intake, HttpMethod.Post, $"{path}/instruments", SafeCssrs);
    }

    private static Task<HttpResponseMessage> SendKeyedAsync(HttpClient client, HttpMethod method, string path, object body, string idempotencyKey)
    {
        var request = new HttpRequestMessage(method, path) { Content = System.Net.Http.Json.JsonContent.Create(body, options: Json) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return client.SendAsync(request);
    }

    private static void AssertRefused(HttpResponseMessage response) =>
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode}");
}
