using Screening.Api.Screenings;
using static Platform.Testing.ScreeningApi;

namespace Screening.IntegrationTests;

/// <summary>Bad input is a 400 naming the field; unsafe sign-offs a 422 with the rule id; roles and versions hold.</summary>
public sealed class BadInputAndSafetyTests(ScreeningApp fixture) : IClassFixture<ScreeningApp>
{
    private async Task FieldErrorAsync(HttpMethod method, string path, object body, string field)
    {
        using var response = await SendAsync(fixture.Intake, method, path, body);
        await ProblemAssert.FieldErrorAsync(response, field);
    }

    [Fact]
    public async Task A_phq9_with_eight_items_is_a_400_naming_items()
    {
        var screening = await ReferAsync(fixture.Intake);
        await FieldErrorAsync(HttpMethod.Post, $"/screenings/{screening.Id}/instruments", Instrument("PHQ-9", 1, 1, 1, 1, 1, 1, 1, 1), "items");
    }

    [Fact]
    public async Task A_phq9_item_answered_4_is_a_400_naming_the_item()
    {
        var screening = await ReferAsync(fixture.Intake);
        await FieldErrorAsync(HttpMethod.Post, $"/screenings/{screening.Id}/instruments", Instrument("PHQ-9", 1, 1, 1, 4, 1, 1, 1, 1, 1), "items[3]");
    }

    [Fact]
    public async Task A_systolic_of_400_is_a_400_naming_systolic()
    {
        var screening = await ReferAsync(fixture.Intake);
        await FieldErrorAsync(HttpMethod.Post, $"/screenings/{screening.Id}/vitals", Vitals(systolic: 400), "systolic");
    }

    [Fact]
    public async Task Vitals_taken_in_the_future_are_a_400_naming_takenAt()
    {
        var screening = await ReferAsync(fixture.Intake);
        await FieldErrorAsync(HttpMethod.Post, $"/screenings/{screening.Id}/vitals", Vitals(takenAt: DateTimeOffset.UtcNow.AddDays(2)), "takenAt");
    }

    [Fact]
    public async Task An_unknown_enum_value_is_a_400_naming_the_field()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/screenings") {
            Content = System.Net.Http.Json.JsonContent.Create(Referral(indication: "Insomnia"), options: Json),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await fixture.Intake.SendAsync(request);
        await ProblemAssert.FieldErrorAsync(response, "indication");
    }

    [Fact]
    public async Task A_missing_form_answer_is_a_400_not_a_silent_false()
    {
        var screening = await ReferAsync(fixture.Intake);
        await FieldErrorAsync(HttpMethod.Put, $"/screenings/{screening.Id}/medical-history", new { hypertension = false }, "hypertensionControlled");
    }

    [Fact]
    public async Task A_referral_without_an_idempotency_key_is_a_400()
    {
        using var response = await SendAsync(fixture.Intake, HttpMethod.Post, "/screenings", Referral());
        await ProblemAssert.FieldErrorAsync(response, "Idempotency-Key");
    }

    [Fact]
    public async Task Approval_over_an_ineligible_reason_is_a_422_with_the_rule_id()
    {
        var screening = await ReferAsync(fixture.Intake);
        await RecordSafeIntakeAsync(fixture.Intake, screening.Id, psychiatricHistory: PsychiatricHistory(psychosisSelf: true));

        using var response = await SendAsync(fixture.Prescriber, HttpMethod.Post, $"/screenings/{screening.Id}/approval", new { justification = "I accept the risk" });

        await ProblemAssert.RefusedAsync(response, HttpStatusCode.UnprocessableEntity, RuleIds.PsychosisSelf);
    }

    [Fact]
    public async Task Approval_of_a_needs_review_screening_without_justification_is_a_422_and_with_one_succeeds()
    {
        var screening = await ReferAsync(fixture.Intake);
        await RecordSafeIntakeAsync(fixture.Intake, screening.Id, priorTreatments: PriorTreatments(psychotherapy: false));

        using var response = await SendAsync(fixture.Prescriber, HttpMethod.Post, $"/screenings/{screening.Id}/approval", new { });
        await ProblemAssert.RefusedAsync(response, HttpStatusCode.UnprocessableEntity, RuleIds.JustificationRequired);

        using var justified = await SendAsync(fixture.Prescriber, HttpMethod.Post, $"/screenings/{screening.Id}/approval",
            new { justification = "Psychotherapy declined twice; severe TRD; reviewed with the team." });
        await ExpectAsync(justified, HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_stale_if_match_is_a_412()
    {
        var screening = await ReferAsync(fixture.Intake);
        var stale = $"\"{screening.Version}\"";
        using (var first = await SendAsync(fixture.Intake, HttpMethod.Post, $"/screenings/{screening.Id}/vitals", Vitals(), stale))
        {
            await ExpectAsync(first, HttpStatusCode.OK);
        }

        using var second = await SendAsync(fixture.Intake, HttpMethod.Post, $"/screenings/{screening.Id}/vitals", Vitals(systolic: 128), stale);
        await ProblemAsync(second, HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task An_unknown_screening_is_a_404()
    {
        using var response = await SendAsync(fixture.Intake, HttpMethod.Post, $"/screenings/{Guid.NewGuid()}/vitals", Vitals());
        await ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Other_clinic_systems_see_a_referrals_status_and_course_but_no_clinical_fact()
    {
        var system = fixture.Host.ClientFor(Roles.System, "ehr");
        var screening = await ReferAsync(system);
        await RecordSafeIntakeAsync(fixture.Intake, screening.Id);
        using var approved = await SendAsync(fixture.Prescriber, HttpMethod.Post, $"/screenings/{screening.Id}/approval", new { });
        var courseId = (await approved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("courseId").GetGuid();

        using var detail = await system.GetAsync($"/screenings/{screening.Id}");
        Assert.Equal(HttpStatusCode.Forbidden, detail.StatusCode);
        var status = await GetAsync<JsonElement>(system, $"/screenings/{screening.Id}/status");
        Assert.Equal("Approved", status.GetProperty("status").GetString());
        Assert.Equal(courseId, status.GetProperty("courseId").GetGuid());
        var fields = status.EnumerateObject().Select(p => p.Name).ToList();
        Assert.DoesNotContain(fields, f => f is "patient" or "referral" or "medicalHistory" or "psychiatricHistory" or "medications" or "instruments" or "eligibility");
        Assert.DoesNotContain("Alex Example", status.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Intake_cannot_sign_and_analysts_cannot_read_phi()
    {
        var screening = await ReferAsync(fixture.Intake);
        await RecordSafeIntakeAsync(fixture.Intake, screening.Id);
        var analyst = fixture.Host.ClientFor(Roles.Analyst);

        using var intakeApproves = await SendAsync(fixture.Intake, HttpMethod.Post, $"/screenings/{screening.Id}/approval", new { });
        using var intakeDeclines = await SendAsync(fixture.Intake, HttpMethod.Post, $"/screenings/{screening.Id}/decline", new { reason = "x" });
        using var analystDetail = await analyst.GetAsync($"/screenings/{screening.Id}");
        using var analystHistory = await analyst.GetAsync($"/patients/{screening.PatientId}/screenings");
        using var analystAsOf = await analyst.GetAsync($"/screenings/{screening.Id}/as-of?asOf={DateTimeOffset.UtcNow:O}");
        using var analystQueue = await analyst.GetAsync("/review-queue");

        Assert.Equal(HttpStatusCode.Forbidden, intakeApproves.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, intakeDeclines.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, analystDetail.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, analystHistory.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, analystAsOf.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, analystQueue.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_lists_problem_responses()
    {
        using var response = await fixture.Host.CreateClient().GetAsync("/openapi/v1.json");
        await ExpectAsync(response, HttpStatusCode.OK);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var approval = document.GetProperty("paths").GetProperty("/screenings/{screeningId}/approval").GetProperty("post").GetProperty("responses");
        Assert.True(approval.TryGetProperty("422", out _));
        Assert.True(approval.TryGetProperty("400", out _));
    }
}
