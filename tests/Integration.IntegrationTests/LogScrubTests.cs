using System.Text;

namespace Integration.IntegrationTests;

/// <summary>
/// The clinical free text Integration takes (intentions, integration-session notes and themes, adverse-event
/// descriptions, actions and outcomes, pregnancy reports) never reaches a log record or a trace
/// (<see cref="TelemetryCapture"/>), also when it comes with the hostile inputs that once made Npgsql log request
/// bodies (a NUL character, a 100k string, null array elements, malformed JSON).
/// </summary>
public sealed class LogScrubTests
{
    private static readonly string[] Canaries =
    [
        "Marmoset estrangement", "corvid grief", "Quillon", "wrenfinch", "tamarind relapse", "Obsidian test",
    ];

    [Fact]
    public async Task No_canary_free_text_appears_in_any_log_record_or_activity()
    {
        using var capture = new TelemetryCapture();
        var prefix = ServiceHost.NewEntityPrefix();
        await using var bus = await TestBus.StartAsync(prefix);
        await using var service = await ServiceHost.StartAsync<IntegrationServiceMarker>(prefix, configureServices: capture.AddTo);
        var now = DateTimeOffset.UtcNow;
        var courseId = Guid.NewGuid();
        var sessionId = Guid.NewGuid();
        await bus.PublishAsync(
            ContractBuilders.Approval(courseId, now.AddDays(-1), baselineScores: [ContractBuilders.Phq9(20, now.AddDays(-2))], protocolVersion: "log-scrub"),
            Guid.NewGuid());
        await bus.PublishAsync(
            new DosingSessionCompleted(
                courseId, sessionId, 1, TreatmentRoute.IvKetamine, 35m, now.AddHours(-3), now.AddHours(-1),
                new VitalsReading(120, 80, 70, now.AddHours(-3)), new VitalsReading(130, 84, 74, now.AddHours(-2)),
                new VitalsReading(121, 80, 70, now.AddHours(-1)), 8, Guid.NewGuid(), Guid.NewGuid()),
            Guid.NewGuid());
        var therapist = service.ClientFor(Roles.Therapist, "therapist-1");
        await Eventually.Async(
            async () =>
            {
                await using var query = service.Store.QuerySession(ClinicScope.Development);
                return (await query.LoadAsync<CourseOutcome>(courseId))?.DosingSessions.Count > 0 ? (object)true : null;
            },
            what: "the course to open with its dosing session");

        var medical = service.ClientFor(Roles.Medical, "medical-1");
        var path = $"/courses/{courseId}";
        await AcceptedAsync(therapist, $"{path}/intentions", new { intentions = "Marmoset estrangement, and the corvid grief", forDosingNumber = 2 });
        await AcceptedAsync(therapist, $"{path}/integration-sessions", new {
            dosingSessionId = sessionId,
            themes = new[] { "Quillon", "corvid grief" },
            notes = "Spoke of the wrenfinch years and the tamarind relapse",
        });
        await AcceptedAsync(medical, $"{path}/adverse-events", new {
            type = "NauseaVomiting",
            severity = "Mild",
            occurredAt = now.AddHours(-2),
            dosingSessionId = sessionId,
            description = "Vomited after recalling the Marmoset estrangement",
            actionTaken = "Ondansetron; wrenfinch breathing",
            outcome = "Resolved; tamarind relapse discussed",
        });
        await AcceptedAsync(medical, $"{path}/pregnancy-reports", new { note = "Obsidian test result at check-in" });

        // Hostile inputs: each refused (4xx) without carrying the values into a log.
        await RefusedAsync(therapist, $"{path}/intentions", new { intentions = "Marmoset\u0000 estrangement", forDosingNumber = 3 });
        await RefusedAsync(therapist, $"{path}/intentions", new { intentions = "corvid grief " + new string('Q', 100_000), forDosingNumber = 3 });
        await RefusedAsync(therapist, $"{path}/integration-sessions", new { dosingSessionId = sessionId, themes = new[] { null, "Quillon" }, notes = "wrenfinch" });
        using (var malformed = new HttpRequestMessage(HttpMethod.Post, $"{path}/intentions") {
            Content = new StringContent("{\"intentions\":\"tamarind relapse and the wrenfinch", Encoding.UTF8, "application/json"),
        })
        {
            AssertRefused(await therapist.SendAsync(malformed));
        }

        await service.CatchUpAsync();
        await service.DisposeAsync(); // shutdown logs too
        capture.AssertNoneCarries(Canaries);
    }

    private static async Task AcceptedAsync(HttpClient client, string url, object body)
    {
        using var response = await IntegrationApp.PostAsync(client, url, body);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task RefusedAsync(HttpClient client, string url, object body)
    {
        using var response = await IntegrationApp.PostAsync(client, url, body);
        AssertRefused(response);
    }

    private static void AssertRefused(HttpResponseMessage response) =>
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode}");
}
