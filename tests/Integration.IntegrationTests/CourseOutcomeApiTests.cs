using static Integration.IntegrationTests.IntegrationApp;
using static Platform.Testing.ServiceApp<Integration.Api.IntegrationServiceMarker>;

namespace Integration.IntegrationTests;

/// <summary>Every endpoint's happy path against the real database and broker, including what the service publishes.</summary>
public sealed class CourseOutcomeApiTests(IntegrationApp service) : IClassFixture<IntegrationApp>
{
    // Days to response are clinic calendar days.
    private static readonly DateTimeOffset Now = ClinicDays.LateMorningYesterday;

    [Fact]
    public async Task Intentions_and_an_integration_session_are_recorded_and_only_the_notes_endpoint_shows_the_notes()
    {
        var courseId = await service.OpenCourseAsync(Now.AddDays(-20));
        var dosingId = await service.DoseAsync(courseId, 1, Now.AddDays(-10));

        var intentions = await PostAsync(service.Therapist, $"/courses/{courseId}/intentions",
            new { intentions = "Reconnect with my brother", forDosingNumber = 1, setAt = Now.AddDays(-11) });
        await intentions.JsonAsync(HttpStatusCode.OK);

        var held = await PostAsync(service.Therapist, $"/courses/{courseId}/integration-sessions",
            new { dosingSessionId = dosingId, heldAt = Now.AddDays(-9), themes = new[] { "grief", "connection" }, notes = "Talked about the funeral" });
        var accepted = await held.JsonAsync(HttpStatusCode.OK);

        var notes = await service.Therapist.GetJsonAsync<JsonElement>($"/courses/{courseId}/notes");
        Assert.Equal("Reconnect with my brother", notes.GetProperty("intentions")[0].GetProperty("intentions").GetString());
        Assert.Equal("Talked about the funeral", notes.GetProperty("integrationSessions")[0].GetProperty("notes").GetString());

        var record = await service.Medical.GetJsonAsync<JsonElement>($"/courses/{courseId}");
        var session = record.GetProperty("integrationSessions")[0];
        Assert.Equal(accepted.Id(), session.GetProperty("integrationSessionId").GetGuid());
        Assert.False(session.TryGetProperty("notes", out _), "the course record has no notes field");
    }

    [Fact]
    public async Task A_therapist_not_on_the_course_reads_its_notes_only_with_a_break_glass_reason()
    {
        var courseId = await service.OpenCourseAsync(Now.AddDays(-20));
        var intentions = await PostAsync(service.Therapist, $"/courses/{courseId}/intentions",
            new { intentions = "Feel less alone", forDosingNumber = 1, setAt = Now.AddDays(-11) });
        await intentions.JsonAsync(HttpStatusCode.OK);
        var notes = $"/courses/{courseId}/notes";
        using var cover = service.Host.ClientFor(Roles.Therapist, "therapist-2");

        using var refused = await cover.GetAsync(new Uri(notes, UriKind.Relative));
        await ProblemAssert.RefusedAsync(refused, HttpStatusCode.Forbidden, "INT-NOTES-NOT-ON-COURSE");
        using var vague = await cover.GetAsync(new Uri(notes + "?breakGlassReason=cover", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, vague.StatusCode);

        var read = await cover.GetJsonAsync<JsonElement>(notes + "?breakGlassReason=" + Uri.EscapeDataString("Covering for therapist-1 this week"));
        Assert.Equal("Feel less alone", read.GetProperty("intentions")[0].GetProperty("intentions").GetString());
        Assert.Equal(HttpStatusCode.OK, (await service.Therapist.GetAsync(new Uri(notes, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.Prescriber.GetAsync(new Uri(notes, UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_missed_integration_window_appears_on_the_overdue_list_until_a_session_is_held()
    {
        var courseId = await service.OpenCourseAsync(Now.AddDays(-20));
        var dosingId = await service.DoseAsync(courseId, 1, Now.AddDays(-5));

        await service.Host.CatchUpAsync();
        var overdue = await service.Therapist.GetJsonAsync<JsonElement>("/integration-sessions/overdue?limit=200");
        var entry = Assert.Single(overdue.GetProperty("items").EnumerateArray(), e => e.GetProperty("dosingSessionId").GetGuid() == dosingId);
        Assert.Equal(JsonValueKind.String, entry.GetProperty("dueOn").ValueKind);

        await (await PostAsync(service.Therapist, $"/courses/{courseId}/integration-sessions",
            new { dosingSessionId = dosingId, themes = Array.Empty<string>() })).JsonAsync(HttpStatusCode.OK);

        await service.Host.CatchUpAsync();
        overdue = await service.Therapist.GetJsonAsync<JsonElement>("/integration-sessions/overdue?limit=200");
        Assert.DoesNotContain(overdue.GetProperty("items").EnumerateArray(), e => e.GetProperty("dosingSessionId").GetGuid() == dosingId);
        var audit = await service.Therapist.GetJsonAsync<JsonElement>("/integration-sessions/overdue?includeLate=true&limit=200");
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("dosingSessionId").GetGuid() == dosingId);
    }

    [Fact]
    public async Task Instruments_are_scored_by_the_service_and_the_summary_shows_trajectory_and_response()
    {
        var courseId = await service.OpenCourseAsync(Now.AddDays(-40), phq9Baseline: 20);
        await service.DoseAsync(courseId, 1, Now.AddDays(-35));

        var measured = await PostAsync(service.Therapist, $"/courses/{courseId}/outcomes", Phq9(8, Now.AddDays(-20)));
        await measured.JsonAsync(HttpStatusCode.OK);
        await (await PostAsync(service.Medical, $"/courses/{courseId}/outcomes",
            new { instrument = "GAD-7", items = new[] { 1, 1, 1, 1, 1, 1, 1 } })).JsonAsync(HttpStatusCode.OK);
        await (await PostAsync(service.Prescriber, $"/courses/{courseId}/outcomes",
            new { instrument = "MADRS", items = new[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 } })).JsonAsync(HttpStatusCode.OK);

        var summary = await service.Therapist.GetJsonAsync<JsonElement>($"/courses/{courseId}/summary");
        var outcome = summary.GetProperty("outcome");
        var phq9 = outcome.GetProperty("trajectories").EnumerateArray().Single(t => t.GetProperty("instrument").GetString() == "PHQ-9");
        Assert.Equal([20, 8], phq9.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("total").GetInt32()));
        var response = outcome.GetProperty("responses").EnumerateArray().Single(r => r.GetProperty("instrument").GetString() == "PHQ-9");
        Assert.True(response.GetProperty("isResponse").GetBoolean());
        Assert.Equal(15, response.GetProperty("daysToResponse").GetInt32());
        Assert.Equal("Responder", outcome.GetProperty("classification").GetProperty("response").GetString());

        var course = await service.LoadAsync(courseId);
        Assert.Contains(course!.Measurements, m => m.Instrument == InstrumentCode.Madrs && m.Total == 10);
    }

    [Fact]
    public async Task A_serious_adverse_event_places_a_hold_that_is_published_listed_and_released_by_a_prescriber()
    {
        var courseId = await service.OpenCourseAsync(Now.AddDays(-10));
        var dosingId = await service.DoseAsync(courseId, 1, Now.AddDays(-2));

        var recorded = await PostAsync(service.Medical, $"/courses/{courseId}/adverse-events", new {
            type = "RespiratoryDepression",
            severity = "Serious",
            occurredAt = Now.AddDays(-2).AddMinutes(30),
            onsetMinutesAfterDose = 30,
            dosingSessionId = dosingId,
            actionTaken = "Bag-mask ventilation",
            outcome = "Resolved",
        });
        var adverseEventId = (await recorded.JsonAsync(HttpStatusCode.OK)).Id();

        var placed = await Eventually.Async(
            () => Task.FromResult(service.Bus.Received<SafetyHoldPlaced>().FirstOrDefault(m => m.Message.CourseId == courseId)),
            what: "SafetyHoldPlaced to be published");
        Assert.Equal(SafetyHoldTrigger.AdverseEvent, placed.Message.Trigger);

        var holds = await service.Therapist.GetJsonAsync<JsonElement>("/holds/active?limit=200");
        Assert.Contains(holds.GetProperty("items").EnumerateArray(), h => h.GetProperty("id").GetGuid() == placed.Message.HoldId);

        var register = await service.Medical.GetJsonAsync<JsonElement>("/adverse-events?severity=Serious&type=RespiratoryDepression");
        Assert.Contains(register.GetProperty("items").EnumerateArray(), e => e.GetProperty("id").GetGuid() == adverseEventId);
        var mild = await service.Medical.GetJsonAsync<JsonElement>($"/adverse-events?severity=Mild&courseId={courseId}");
        Assert.Empty(mild.GetProperty("items").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, mild.GetProperty("next").ValueKind);

        var released = await PostAsync(service.Prescriber, $"/courses/{courseId}/holds/release",
            new { justification = "Airway event resolved; anaesthesia review done, dose reduced" });
        Assert.Equal(placed.Message.HoldId, (await released.JsonAsync(HttpStatusCode.OK)).Id());

        await Eventually.Async(
            () => Task.FromResult(service.Bus.Received<SafetyHoldReleased>().FirstOrDefault(m => m.Message.HoldId == placed.Message.HoldId)),
            what: "SafetyHoldReleased to be published");
        holds = await service.Therapist.GetJsonAsync<JsonElement>("/holds/active?limit=200");
        Assert.DoesNotContain(holds.GetProperty("items").EnumerateArray(), h => h.GetProperty("id").GetGuid() == placed.Message.HoldId);
    }

    [Fact]
    public async Task Grading_an_event_up_and_reporting_a_pregnancy_hold_the_course_once_with_both_reasons()
    {
        var courseId = await service.OpenCourseAsync(Now.AddDays(-10));
        await service.DoseAsync(courseId, 1, Now.AddDays(-3));

        var recorded = await PostAsync(service.Therapist, $"/courses/{courseId}/adverse-events", new {
            type = "EmergenceReaction",
            severity = "Mild",
            occurredAt = Now.AddDays(-3).AddMinutes(20),
            onsetMinutesAfterDose = 20,
            actionTaken = "Reassurance",
            outcome = "Settled",
        });
        var adverseEventId = (await recorded.JsonAsync(HttpStatusCode.OK)).Id();
        Assert.Null((await service.LoadAsync(courseId))!.ActiveHold);

        await (await PostAsync(service.Medical, $"/courses/{courseId}/adverse-events/{adverseEventId}/grade",
            new { severity = "Severe", reason = "Reaction lasted two hours and needed midazolam" })).JsonAsync(HttpStatusCode.OK);
        await (await PostAsync(service.Prescriber, $"/courses/{courseId}/pregnancy-reports", new { note = "Positive test" }))
            .JsonAsync(HttpStatusCode.OK);

        var course = await service.LoadAsync(courseId);
        var hold = Assert.Single(course!.Holds);
        Assert.Equal([SafetyHoldTrigger.AdverseEvent, SafetyHoldTrigger.Pregnancy], hold.Reasons.Select(r => r.Trigger));
        Assert.Equal(AdverseEventSeverity.Severe, course.AdverseEvents.Single().Severity);
    }

    [Fact]
    public async Task Evaluation_after_the_induction_series_completes_the_course_and_publishes_CourseCompleted()
    {
        var courseId = await service.OpenCourseAsync(Now.AddDays(-30), phq9Baseline: 18);
        for (var n = 1; n <= 6; n++)
        {
            await service.DoseAsync(courseId, n, Now.AddDays(-21 + (n * 3)));
        }

        await (await PostAsync(service.Therapist, $"/courses/{courseId}/outcomes", Phq9(4, Now.AddHours(-1)))).JsonAsync(HttpStatusCode.OK);
        await service.Host.CatchUpAsync();
        Assert.Contains(await OverdueCoursesAsync(includeLate: false), c => c == courseId);
        var evaluated = await PostAsync(service.Prescriber, $"/courses/{courseId}/evaluation",
            new { recommendation = "Discharge", rationale = "Remission after six infusions" });
        await evaluated.JsonAsync(HttpStatusCode.OK);

        var completed = await Eventually.Async(
            () => Task.FromResult(service.Bus.Received<CourseCompleted>().FirstOrDefault(m => m.Message.CourseId == courseId)),
            what: "CourseCompleted to be published");
        Assert.Equal(CourseResponse.Remitter, completed.Message.Response);
        Assert.Equal(CourseRecommendation.Discharge, completed.Message.Recommendation);

        // A completed course is nobody's open work: its missed sessions leave the overdue list, the audit view too.
        await service.Host.CatchUpAsync();
        Assert.DoesNotContain(await OverdueCoursesAsync(includeLate: true), c => c == courseId);
    }

    private async Task<List<Guid>> OverdueCoursesAsync(bool includeLate)
    {
        var overdue = await service.Therapist.GetJsonAsync<JsonElement>($"/integration-sessions/overdue?limit=200&includeLate={includeLate}");
        return [.. overdue.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("courseId").GetGuid())];
    }

    [Fact]
    public async Task The_ETag_a_command_returns_makes_the_next_command_conditional()
    {
        var courseId = await service.OpenCourseAsync(Now.AddDays(-10));
        var first = await PostAsync(service.Therapist, $"/courses/{courseId}/outcomes", Phq9(15, Now.AddDays(-1)));
        await first.JsonAsync(HttpStatusCode.OK);
        var etag = first.Headers.ETag!.Tag;

        var second = await PostAsync(service.Therapist, $"/courses/{courseId}/outcomes", Phq9(14, Now.AddHours(-2)), etag);
        await second.JsonAsync(HttpStatusCode.OK);

        var stale = await PostAsync(service.Therapist, $"/courses/{courseId}/outcomes", Phq9(13, Now.AddHours(-1)), etag);
        await stale.JsonAsync(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task A_retried_request_with_the_same_idempotency_key_records_once()
    {
        var courseId = await service.OpenCourseAsync(Now.AddDays(-10));
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/courses/{courseId}/outcomes") {
                Content = System.Net.Http.Json.JsonContent.Create(Phq9(12, Now.AddDays(-1)), options: Json),
            };
            request.Headers.Add("Idempotency-Key", "phq9-retry-1");
            await (await service.Therapist.SendAsync(request)).JsonAsync(HttpStatusCode.OK);
        }

        Assert.Single((await service.LoadAsync(courseId))!.Measurements);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_problem_responses()
    {
        using var anonymous = service.Host.CreateClient();
        var document = await anonymous.GetJsonAsync<JsonElement>("/openapi/v1.json");
        var release = document.GetProperty("paths").GetProperty("/courses/{courseId}/holds/release").GetProperty("post").GetProperty("responses");

        foreach (var status in new[] { "200", "400", "403", "412", "422" })
        {
            Assert.True(release.TryGetProperty(status, out _), $"release does not document {status}: {release}");
        }
    }
}
