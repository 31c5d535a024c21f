using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Contracts;
using Platform.Messaging;
using Platform.ServiceDefaults.Analytics;
using Platform.ServiceDefaults.Identity;
using Screening.Api.Queries;
using Screening.Api.Screenings;
using static Platform.Testing.ScreeningApi;

namespace Screening.IntegrationTests;

/// <summary>The whole screening path over HTTP against real PostgreSQL and RabbitMQ.</summary>
public sealed class ScreeningPathTests(ScreeningApp fixture) : IClassFixture<ScreeningApp>
{
    [Fact]
    public async Task A_safe_screening_goes_from_referral_to_approval_and_the_approval_is_published_without_phi()
    {
        var referral = await ReferAsync(fixture.Host.ClientFor(Roles.System, "ehr"));
        await RecordSafeIntakeAsync(fixture.Intake, referral.Id);

        var eligibility = await GetAsync<EligibilityView>(fixture.Intake, $"/screenings/{referral.Id}/eligibility");
        Assert.Equal(EligibilityOutcome.Eligible, eligibility.Outcome);
        Assert.Contains(eligibility.Reasons, r => r.RuleId == RuleIds.TrdFirstLine && r.Facts.Count > 0);

        var queue = (await GetAsync<Page<ReviewQueueItem>>(fixture.Prescriber, "/review-queue")).Items;
        Assert.Contains(queue, i => i.Id == referral.Id);

        var approval = await ApproveAsync(fixture.Prescriber, referral.Id);

        var detail = await GetAsync<ScreeningDetail>(fixture.Prescriber, $"/screenings/{referral.Id}");
        Assert.Equal(ScreeningStatus.Approved, detail.Status);
        Assert.Equal(Clinician.IdOf("prescriber-1"), detail.Approval!.PrescriberId);
        Assert.Equal(approval.CourseId, detail.Approval.CourseId);
        Assert.DoesNotContain((await GetAsync<Page<ReviewQueueItem>>(fixture.Prescriber, "/review-queue")).Items, i => i.Id == referral.Id);

        var published = await Eventually.Async(
            () => Task.FromResult(fixture.Bus.Received<PatientApprovedForTreatment>().FirstOrDefault(m => m.Message.ScreeningId == referral.Id)),
            what: "PatientApprovedForTreatment on the bus");
        Assert.Equal(approval.CourseId, published.Message.CourseId);
        Assert.Equal(referral.PatientId, published.Message.PatientId);
        Assert.Equal(Indication.TreatmentResistantDepression, published.Message.Indication);
        Assert.Contains(published.Message.BaselineScores, s => s.Instrument == Platform.Instruments.InstrumentCode.Phq9 && s.Total == 15);

        // No PHI: the serialized contract names no identity field and carries none of the patient's values.
        var json = JsonSerializer.Serialize(published.Message);
        foreach (var phi in new[] { "Alex Example", "alex@example.org", "1985-06-01", "fullName", "birthDate", "email", "phone" })
        {
            Assert.DoesNotContain(phi, json, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_retried_referral_with_the_same_idempotency_key_returns_the_same_screening_and_one_stream()
    {
        var client = fixture.Host.ClientFor(Roles.System, "ehr");
        var key = Guid.NewGuid().ToString();
        var body = Referral();

        var first = await ReferAsync(client, body, key);
        var second = await ReferAsync(client, body, key);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(first.PatientId, second.PatientId);
        await using var session = fixture.Host.Store.QuerySession(ClinicScope.Development);
        var events = await session.Events.FetchStreamAsync(first.Id);
        Assert.Single(events, e => e.Data is Screening.Api.Screenings.ScreeningReferred);
        Assert.Equal(1, await session.Query<ScreeningCase>().CountAsync(s => s.PatientId == first.PatientId));

        // The same key with a different referral is a client bug, not a retry.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/screenings") { Content = JsonContent.Create(Referral("Ptsd"), options: Json) };
        request.Headers.Add("Idempotency-Key", key);
        using var conflict = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
    }

    [Fact]
    public async Task The_as_of_view_returns_the_screening_before_a_later_fact()
    {
        var referral = await ReferAsync(fixture.Intake);
        await SendOkAsync(fixture.Intake, HttpMethod.Post, $"/screenings/{referral.Id}/vitals", Vitals(systolic: 130));
        // The instant the first reading was stored, from the event itself rather than a clock read between sleeps.
        var before = await LastEventAtAsync(referral.Id);
        await SendOkAsync(fixture.Intake, HttpMethod.Post, $"/screenings/{referral.Id}/vitals", Vitals(systolic: 150));
        Assert.True(await LastEventAtAsync(referral.Id) > before, "the second reading was stored at the same instant as the first");

        var then = await GetAsync<ScreeningDetail>(fixture.Intake, $"/screenings/{referral.Id}/as-of?asOf={Uri.EscapeDataString(before.ToString("O"))}");
        var now = await GetAsync<ScreeningDetail>(fixture.Intake, $"/screenings/{referral.Id}");

        Assert.Equal(130, then.Vitals!.Systolic);
        Assert.Equal(150, now.Vitals!.Systolic);
        Assert.True(then.Version < now.Version);
    }

    [Fact]
    public async Task A_patients_screenings_form_a_history()
    {
        var first = await ReferAsync(fixture.Intake);
        var second = await ReferAsync(fixture.Intake, Referral("SevereAnxiety", patientId: first.PatientId));

        var history = (await GetAsync<Page<ScreeningSummary>>(fixture.Prescriber, $"/patients/{first.PatientId}/screenings")).Items;

        Assert.Equal([first.Id, second.Id], history.Select(s => s.Id));
        Assert.Equal(Indication.SevereAnxiety, history[1].Indication);
    }

    [Fact]
    public async Task A_patient_id_must_be_known_and_stays_bound_to_one_identity()
    {
        var first = await ReferAsync(fixture.Intake);

        async Task<(HttpStatusCode Status, string Body)> ReferRawAsync(object referral)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/screenings") { Content = JsonContent.Create(referral, options: Json) };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            using var response = await fixture.Intake.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var unknown = await ReferRawAsync(Referral(patientId: Guid.NewGuid()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.Status);
        Assert.Contains(RuleIds.UnknownPatient, unknown.Body);

        var other = Referral(patientId: first.PatientId);
        var json = JsonSerializer.SerializeToNode(other, Json)!;
        json["patient"]!["birthDate"] = "1990-01-01";
        var conflict = await ReferRawAsync(json);
        Assert.Equal(HttpStatusCode.Conflict, conflict.Status);
        Assert.Contains(RuleIds.PatientIdentityConflict, conflict.Body);
        Assert.DoesNotContain("1990-01-01", conflict.Body);
    }

    [Fact]
    public async Task A_safety_hold_on_the_course_flags_the_screening_for_re_screening()
    {
        var referral = await ReferAsync(fixture.Intake);
        await RecordSafeIntakeAsync(fixture.Intake, referral.Id);
        var approval = await ApproveAsync(fixture.Prescriber, referral.Id);

        var hold = new SafetyHoldPlaced(approval.CourseId, referral.PatientId, Guid.NewGuid(), SafetyHoldTrigger.AdverseEvent,
            "Serious adverse event", DateTimeOffset.UtcNow);
        await fixture.Bus.PublishAsync(hold, Guid.NewGuid());

        var flagged = await Eventually.Async(async () =>
        {
            var detail = await GetAsync<ScreeningDetail>(fixture.Prescriber, $"/screenings/{referral.Id}");
            return detail.Status == ScreeningStatus.ReScreeningRequired ? detail : null;
        }, what: "the screening to require re-screening");
        Assert.Equal(hold.HoldId, flagged.ReScreening!.HoldId);
    }

    [Fact]
    public async Task A_waived_release_that_overtakes_its_hold_approves_the_case_again_once_the_hold_arrives()
    {
        var referral = await ReferAsync(fixture.Intake);
        await RecordSafeIntakeAsync(fixture.Intake, referral.Id);
        var approval = await ApproveAsync(fixture.Prescriber, referral.Id);
        var holdId = Guid.NewGuid();

        // The release first: nothing to waive yet, so it is kept and the case stays approved.
        await fixture.Bus.PublishAsync(
            new SafetyHoldReleased(approval.CourseId, referral.PatientId, holdId, DateTimeOffset.UtcNow, true, "Explained by a missed dose of metoprolol", Guid.NewGuid()),
            Guid.NewGuid());
        await Eventually.Async(async () =>
        {
            await using var query = fixture.Host.Store.QuerySession(ClinicScope.Development);
            return await query.LoadAsync<EarlyMessage>($"{nameof(SafetyHoldReleased)}:{holdId}");
        }, what: "the release to be kept");
        await fixture.Bus.PublishAsync(
            new SafetyHoldPlaced(approval.CourseId, referral.PatientId, holdId, SafetyHoldTrigger.AdverseEvent, "Hypertensive episode", DateTimeOffset.UtcNow.AddMinutes(-5)),
            Guid.NewGuid());

        var waived = await Eventually.Async(async () =>
        {
            await using var query = fixture.Host.Store.QuerySession(ClinicScope.Development);
            var state = await query.LoadAsync<ScreeningCase>(referral.Id);
            return state!.WaivedHolds.Contains(holdId) ? state : null;
        }, what: "the hold and its waiver to be applied");
        Assert.Equal(ScreeningStatus.Approved, waived.Status);
        Assert.Empty(waived.ReScreeningHolds);
    }

    [Fact]
    public async Task A_hold_for_a_course_not_approved_here_yet_is_kept_not_dead_lettered()
    {
        var courseId = Guid.NewGuid();
        var hold = new SafetyHoldPlaced(courseId, Guid.NewGuid(), Guid.NewGuid(), SafetyHoldTrigger.Pregnancy, "Pregnancy reported", DateTimeOffset.UtcNow);

        await fixture.Bus.PublishAsync(hold, Guid.NewGuid());

        var kept = await Eventually.Async(async () =>
        {
            await using var query = fixture.Host.Store.QuerySession(ClinicScope.Development);
            return await query.LoadAsync<EarlyMessage>($"{nameof(SafetyHoldPlaced)}:{hold.HoldId}");
        }, what: "the early hold to be kept for the approval");
        Assert.Equal(courseId, kept.StreamKey);
        Assert.Equal(hold, kept.Read());
    }

    [Fact]
    public async Task The_analyst_table_holds_decisions_without_phi()
    {
        var referral = await ReferAsync(fixture.Intake);
        await RecordSafeIntakeAsync(fixture.Intake, referral.Id);
        using var decline = await SendAsync(fixture.Prescriber, HttpMethod.Post, $"/screenings/{referral.Id}/decline",
            new { reason = "Prefers to continue psychotherapy first" });
        await ExpectAsync(decline, HttpStatusCode.OK);
        await fixture.Host.CatchUpAsync();

        var rows = (await GetAsync<Page<JsonElement>>(fixture.Host.ClientFor(Roles.Analyst), "/reporting/screening-decisions")).Items;
        var key = fixture.Host.Services.GetRequiredService<AnalystPseudonyms>().Screening(referral.Id);
        var row = rows.Single(r => r.GetProperty("screeningKey").GetGuid() == key);
        Assert.Equal("declined", row.GetProperty("outcome").GetString());
        Assert.Equal("TreatmentResistantDepression", row.GetProperty("indication").GetString());
        Assert.EndsWith("-01", row.GetProperty("decisionMonth").GetString(), StringComparison.Ordinal);

        // The table itself: only de-identified columns, and none of the patient's values in any row.
        await using var connection = new NpgsqlConnection(fixture.Host.Postgres);
        await connection.OpenAsync();
        await using var columns = new NpgsqlCommand(
            "select string_agg(column_name, ',') from information_schema.columns where table_schema = 'reporting' and table_name = 'screening_decisions'",
            connection);
        var names = (string)(await columns.ExecuteScalarAsync())!;
        foreach (var phi in new[] { "name", "birth", "email", "phone", "patient", "reason", "justification" })
        {
            Assert.DoesNotContain(phi, names, StringComparison.OrdinalIgnoreCase);
        }

        await using var dump = new NpgsqlCommand("select coalesce(string_agg(t::text, '|'), '') from reporting.screening_decisions t", connection);
        var content = (string)(await dump.ExecuteScalarAsync())!;
        Assert.DoesNotContain("Alex", content, StringComparison.Ordinal);
        PhiAssert.NotOutsideKeys("1985", content);
        Assert.DoesNotContain("psychotherapy first", content, StringComparison.Ordinal);
        Assert.DoesNotContain(referral.Id.ToString(), content, StringComparison.Ordinal);
        Assert.DoesNotContain("SCR-", content, StringComparison.Ordinal);
    }

    private async Task<DateTimeOffset> LastEventAtAsync(Guid screeningId)
    {
        await using var session = fixture.Host.Store.QuerySession(ClinicScope.Development);
        return (await session.Events.FetchStreamAsync(screeningId))[^1].Timestamp;
    }
}
