using System.Text.Json;
using DemoClinic;

namespace EndToEnd.Tests;

/// <summary>The demo loader against the three in-process services: it loads, and a second run creates nothing new.</summary>
public sealed class DemoClinicTests(Clinic clinic) : IClassFixture<Clinic>
{
    [Fact]
    public async Task A_second_run_returns_the_same_ids_and_creates_nothing_new()
    {
        var services = new InProcess(clinic);
        var first = new DemoLoader(services, TextWriter.Null);
        await first.RunAsync(CancellationToken.None);
        var second = new DemoLoader(services, TextWriter.Null);
        await second.RunAsync(CancellationToken.None);

        Assert.Equal(DemoLoader.ReferredPatients, first.Result.Screenings.Distinct().Count());
        Assert.Equal(4, first.Result.Staff.Distinct().Count());
        Assert.Equal(first.Result.Staff, second.Result.Staff);
        Assert.Equal(first.Result.Rooms, second.Result.Rooms);
        Assert.Equal(first.Result.Screenings, second.Result.Screenings);
        Assert.Equal(10, first.Result.Courses.Distinct().Count());
        Assert.Empty(second.Result.Courses);

        // Every list the demo is for shows rows.
        var prescriber = clinic.Screening.ClientFor(Roles.Prescriber, "demo-check");
        var risky = await prescriber.GetFromJsonAsync<JsonElement>("/review-queue?highSuicideRisk=true");
        Assert.Single(risky.GetProperty("items").EnumerateArray());
        var holds = await clinic.Integration.ClientFor(Roles.Prescriber, "demo-check").GetFromJsonAsync<JsonElement>("/holds/active");
        var held = Assert.Single(holds.GetProperty("items").EnumerateArray()).GetProperty("courseId").GetGuid();
        var scheduler = clinic.Scheduling.ClientFor(Roles.Scheduler, "demo-check");
        await Eventually.Async(
            async () => (await scheduler.GetFromJsonAsync<JsonElement>($"/courses/{held}")).GetProperty("isOnHold").GetBoolean() ? true as bool? : null,
            what: "the demo's safety hold to reach Scheduling");
        var sessions = 0;
        foreach (var course in first.Result.Courses)
        {
            sessions += (await scheduler.GetFromJsonAsync<JsonElement>($"/courses/{course}")).GetProperty("sessions").GetArrayLength();
        }

        // The back-entered courses completed as the clinic recorded them: one remitter, one responder, one non-responder.
        var integration = clinic.Integration.ClientFor(Roles.Prescriber, "demo-check");
        var responses = new List<string>();
        foreach (var course in first.Result.Courses)
        {
            var summary = await integration.GetFromJsonAsync<JsonElement>($"/courses/{course}/summary");
            if (summary.GetProperty("evaluation") is { ValueKind: JsonValueKind.Object } evaluation)
            {
                responses.Add(evaluation.GetProperty("response").GetString()!);
            }
        }

        Assert.Equal(["NonResponder", "Remitter", "Responder"], responses.Order());

        // The course under way missed its latest integration session: the overdue list (kept by the daemon) shows it.
        var therapist = clinic.Integration.ClientFor(Roles.Therapist, "demo-check");
        await Eventually.Async(
            async () => (await therapist.GetFromJsonAsync<JsonElement>("/integration-sessions/overdue?limit=200")).GetProperty("items").EnumerateArray()
                .Any(item => item.GetProperty("courseId").GetGuid() == first.Result.Courses[6]) ? true as bool? : null,
            what: "the missed integration session on the overdue list");

        // 2 preparation sessions for each of 2 patients; the back-entered courses: mid-induction 2 + 3 doses, completed 2 + 6 each.
        Assert.Equal(4 + 5 + (3 * 8), sessions);
    }

    private sealed class InProcess(Clinic clinic) : IDemoServices
    {
        public HttpClient Screening(string role, string subject) => clinic.Screening.ClientFor(role, subject);

        public HttpClient Scheduling(string role, string subject) => clinic.Scheduling.ClientFor(role, subject);

        public HttpClient Integration(string role, string subject) => clinic.Integration.ClientFor(role, subject);
    }
}
