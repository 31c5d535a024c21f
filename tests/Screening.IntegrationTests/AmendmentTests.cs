using static Platform.Testing.ScreeningApi;

namespace Screening.IntegrationTests;

/// <summary>
/// Amendment at the patient's request (HIPAA 45 CFR 164.526, docs/privacy.md): a correction is an event naming who,
/// when and why; reads and projections follow it, the original stays in the privacy officer's log, a refusal is kept
/// with its reason, and a correction never changes a live approval's eligibility under the prescriber.
/// </summary>
public sealed class AmendmentTests(ScreeningApp fixture) : IClassFixture<ScreeningApp>
{
    private HttpClient Officer => fixture.As(Roles.PrivacyOfficer, "privacy-1");

    private static object Esketamine(string birthDate) => new {
        externalReference = "MRN-" + Guid.NewGuid().ToString("N")[..10],
        referringClinician = "Dr Referrer",
        indication = "TreatmentResistantDepression",
        requestedRoute = "EsketamineNasalSpray",
        patient = new { fullName = "Robin Mistyped", birthDate, email = "robin@example.org" },
    };

    private static Task<HttpResponseMessage> AmendAsync(HttpClient client, Guid screeningId, string field, string? value, string reason = "Patient's written request, ID checked") =>
        client.PostAsJsonAsync(new Uri($"/privacy/screenings/{screeningId}/amendments", UriKind.Relative), new { field, value, reason });

    private async Task<JsonElement> LogAsync(Guid patientId) =>
        (await GetAsync<JsonElement>(Officer, $"/privacy/amendments?patientId={patientId}")).GetProperty("items");

    private static string[] Fired(JsonElement detail) =>
        [.. detail.GetProperty("eligibility").GetProperty("firedRuleIds").EnumerateArray().Select(r => r.GetString()!)];

    [Fact]
    public async Task A_corrected_birth_date_is_what_reads_and_the_rules_use_and_the_original_stays_in_the_log()
    {
        var referral = await ReferAsync(fixture.Intake, Esketamine("1990-02-11"));
        Assert.DoesNotContain(RuleIds.EsketamineAge, Fired(await GetAsync<JsonElement>(fixture.Intake, $"/screenings/{referral.Id}")));

        using var amended = await AmendAsync(Officer, referral.Id, "patient.birthDate", "1950-02-11");
        await ExpectAsync(amended, HttpStatusCode.OK);

        var detail = await GetAsync<JsonElement>(fixture.Intake, $"/screenings/{referral.Id}");
        Assert.Equal("1950-02-11", detail.GetProperty("referral").GetProperty("patient").GetProperty("birthDate").GetString());
        Assert.Contains(RuleIds.EsketamineAge, Fired(detail)); // re-evaluated on the corrected fact

        var entry = Assert.Single((await LogAsync(referral.PatientId)).EnumerateArray());
        Assert.Equal("amended", entry.GetProperty("decision").GetString());
        Assert.Equal("patient.birthDate", entry.GetProperty("field").GetString());
        Assert.Equal("1990-02-11", entry.GetProperty("original").GetString());
        Assert.Equal("1950-02-11", entry.GetProperty("value").GetString());
        Assert.Equal("Patient's written request, ID checked", entry.GetProperty("reason").GetString());
        Assert.Equal(Platform.ServiceDefaults.Identity.Clinician.IdOf("privacy-1"), entry.GetProperty("decidedBy").GetGuid());

        // A retried correction records nothing more.
        await ExpectAsync(await AmendAsync(Officer, referral.Id, "patient.birthDate", "1950-02-11"), HttpStatusCode.OK);
        Assert.Single((await LogAsync(referral.PatientId)).EnumerateArray());
    }

    [Fact]
    public async Task A_refused_request_is_kept_with_its_reason_and_changes_nothing()
    {
        var referral = await ReferAsync(fixture.Intake, Esketamine("1990-02-11"));

        await SendOkAsync(Officer, HttpMethod.Post, $"/privacy/screenings/{referral.Id}/amendment-refusals", new {
            field = "patient.fullName",
            value = "Robin Other",
            reason = "The record is accurate and complete: the name matches the ID presented at intake.",
        });

        Assert.Equal("Robin Mistyped", (await GetAsync<JsonElement>(fixture.Intake, $"/screenings/{referral.Id}"))
            .GetProperty("referral").GetProperty("patient").GetProperty("fullName").GetString());
        var entry = Assert.Single((await LogAsync(referral.PatientId)).EnumerateArray());
        Assert.Equal("refused", entry.GetProperty("decision").GetString());
        Assert.Equal("Robin Other", entry.GetProperty("value").GetString());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("original").ValueKind);
        Assert.StartsWith("The record is accurate", entry.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_correction_that_would_change_a_live_approval_is_refused_and_one_that_would_not_is_recorded()
    {
        var referral = await ReferAsync(fixture.Intake, Esketamine("1990-02-11"));
        await RecordSafeIntakeAsync(fixture.Intake, referral.Id);
        await ApproveAsync(fixture.Prescriber, referral.Id);

        // Now 65 or over: the approval's start dose was set for a younger patient.
        var problem = await ProblemAsync(await AmendAsync(Officer, referral.Id, "patient.birthDate", "1950-02-11"), HttpStatusCode.Conflict);
        Assert.Equal(RuleIds.AmendmentChangesApproval, problem.GetProperty("ruleId").GetString());
        var detail = await GetAsync<JsonElement>(fixture.Intake, $"/screenings/{referral.Id}");
        Assert.Equal("1990-02-11", detail.GetProperty("referral").GetProperty("patient").GetProperty("birthDate").GetString());
        Assert.Empty((await LogAsync(referral.PatientId)).EnumerateArray());

        await ExpectAsync(await AmendAsync(Officer, referral.Id, "patient.birthDate", "1990-02-12"), HttpStatusCode.OK);
        await ExpectAsync(await AmendAsync(Officer, referral.Id, "patient.fullName", "Robin Corrected"), HttpStatusCode.OK);
        detail = await GetAsync<JsonElement>(fixture.Intake, $"/screenings/{referral.Id}");
        Assert.Equal("Approved", detail.GetProperty("status").GetString());
        Assert.Equal("1990-02-12", detail.GetProperty("referral").GetProperty("patient").GetProperty("birthDate").GetString());
        Assert.Equal("Robin Corrected", detail.GetProperty("referral").GetProperty("patient").GetProperty("fullName").GetString());
        Assert.Equal(2, (await LogAsync(referral.PatientId)).GetArrayLength());
    }

    [Fact]
    public async Task A_mistyped_medication_name_is_corrected_and_bad_corrections_name_their_field()
    {
        var referral = await ReferAsync(fixture.Intake, Esketamine("1990-02-11"));
        await SendOkAsync(fixture.Intake, HttpMethod.Put, $"/screenings/{referral.Id}/medications", new {
            medications = new[] { new { @class = "Antidepressant", name = "Sertarline", dailyDoseMg = 100m } },
        });

        await ExpectAsync(await AmendAsync(Officer, referral.Id, "medications[0].name", "Sertraline"), HttpStatusCode.OK);
        var medication = (await GetAsync<JsonElement>(fixture.Intake, $"/screenings/{referral.Id}")).GetProperty("medications")[0];
        Assert.Equal("Sertraline", medication.GetProperty("name").GetString());
        Assert.Equal(100m, medication.GetProperty("dailyDoseMg").GetDecimal());

        await ProblemAssert.FieldErrorAsync(await AmendAsync(Officer, referral.Id, "patient.diagnosis", "x"), "field");
        await ProblemAssert.FieldErrorAsync(await AmendAsync(Officer, referral.Id, "medications[3].name", "x"), "field");
        await ProblemAssert.FieldErrorAsync(await AmendAsync(Officer, referral.Id, "patient.birthDate", "11/02/1990"), "value");
        await ProblemAssert.FieldErrorAsync(await AmendAsync(Officer, referral.Id, "patient.birthDate", "2999-01-01"), "value");
        await ProblemAssert.FieldErrorAsync(await AmendAsync(Officer, referral.Id, "patient.email", null), "value"); // the only contact
        await ProblemAssert.FieldErrorAsync(await AmendAsync(Officer, referral.Id, "patient.fullName", "Robin", reason: " "), "reason");
        Assert.Equal(HttpStatusCode.NotFound, (await AmendAsync(Officer, Guid.NewGuid(), "patient.fullName", "Robin")).StatusCode);
        Assert.Single((await LogAsync(referral.PatientId)).EnumerateArray());
    }

    [Fact]
    public async Task Only_a_privacy_officer_amends_or_reads_the_log()
    {
        var referral = await ReferAsync(fixture.Intake, Esketamine("1990-02-11"));

        Assert.Equal(HttpStatusCode.Forbidden, (await AmendAsync(fixture.Intake, referral.Id, "patient.fullName", "Robin Other")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await AmendAsync(fixture.Prescriber, referral.Id, "patient.fullName", "Robin Other")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Prescriber.GetAsync(new Uri($"/privacy/amendments?patientId={referral.PatientId}", UriKind.Relative))).StatusCode);
    }
}

/// <summary>Once its approval has ended, a screening's record takes the correction it refused while doses could be given. Its own fixture: the test moves the clinic's clock.</summary>
public sealed class AmendmentAfterApprovalTests(ScreeningApp fixture) : IClassFixture<ScreeningApp>
{
    [Fact]
    public async Task A_correction_refused_under_a_valid_approval_is_recorded_once_it_has_expired()
    {
        var officer = fixture.As(Roles.PrivacyOfficer, "privacy-1");
        var referral = await ReferAsync(fixture.Intake, new {
            externalReference = "MRN-" + Guid.NewGuid().ToString("N")[..10],
            referringClinician = "Dr Referrer",
            indication = "TreatmentResistantDepression",
            requestedRoute = "EsketamineNasalSpray",
            patient = new { fullName = "Robin Expiring", birthDate = "1990-02-11", email = "robin@example.org" },
        });
        await RecordSafeIntakeAsync(fixture.Intake, referral.Id);
        var approved = await ApproveAsync(fixture.Prescriber, referral.Id);
        var correction = new { field = "patient.birthDate", value = "1950-02-11", reason = "Passport shown" };
        var path = $"/privacy/screenings/{referral.Id}/amendments";

        var problem = await ProblemAsync(await officer.PostAsJsonAsync(new Uri(path, UriKind.Relative), correction), HttpStatusCode.Conflict);
        Assert.Equal(RuleIds.AmendmentChangesApproval, problem.GetProperty("ruleId").GetString());

        fixture.Clock.Advance(approved.ValidUntil - DateTimeOffset.UtcNow + TimeSpan.FromDays(1));
        await SendOkAsync(officer, HttpMethod.Post, path, correction);
        Assert.Equal("1950-02-11", (await GetAsync<JsonElement>(fixture.Intake, $"/screenings/{referral.Id}"))
            .GetProperty("referral").GetProperty("patient").GetProperty("birthDate").GetString());
    }
}
