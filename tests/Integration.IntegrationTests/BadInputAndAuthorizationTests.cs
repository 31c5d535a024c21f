using static Integration.IntegrationTests.IntegrationApp;

namespace Integration.IntegrationTests;

/// <summary>Bad input is a 400 naming the field, a refused rule a 422 with its id, a wrong role a 403; never a 500 or a half-written stream.</summary>
public sealed class BadInputAndAuthorizationTests(IntegrationApp service) : IClassFixture<IntegrationApp>, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private Guid courseId;

    public async ValueTask InitializeAsync()
    {
        courseId = await service.OpenCourseAsync(Now.AddDays(-10));
        await service.DoseAsync(courseId, 1, Now.AddDays(-3));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static object AdverseEvent(string severity = "Moderate", int onset = 30, DateTimeOffset? occurredAt = null) => new {
        type = "Sedation",
        severity,
        occurredAt = occurredAt ?? Now.AddDays(-3).AddMinutes(onset),
        onsetMinutesAfterDose = onset,
        actionTaken = "Observed",
        outcome = "Resolved",
    };

    [Fact]
    public async Task An_item_answer_out_of_range_names_the_item()
    {
        var items = Phq9Items(10);
        items[4] = 7;
        var response = await PostAsync(service.Therapist, $"/courses/{courseId}/outcomes", new { instrument = "PHQ-9", items });
        await response.AssertFieldErrorAsync("items[4]");
    }

    [Fact]
    public async Task The_wrong_number_of_items_names_the_items()
    {
        var response = await PostAsync(service.Therapist, $"/courses/{courseId}/outcomes", new { instrument = "GAD-7", items = new[] { 1, 2, 3 } });
        await response.AssertFieldErrorAsync("items");
    }

    [Fact]
    public async Task An_unknown_instrument_names_the_instrument()
    {
        var response = await PostAsync(service.Therapist, $"/courses/{courseId}/outcomes", new { instrument = "BDI-II", items = new[] { 1 } });
        await response.AssertFieldErrorAsync("instrument");
    }

    [Fact]
    public async Task A_severity_the_service_does_not_know_names_the_severity()
    {
        var response = await PostAsync(service.Medical, $"/courses/{courseId}/adverse-events", AdverseEvent(severity: "Catastrophic"));
        await response.AssertFieldErrorAsync("severity");
    }

    /// <summary>The framework's enum converter read "Moderate, Severe" as the flags' union, Serious, and placed a hold.</summary>
    [Theory]
    [InlineData("Moderate, Severe")]
    [InlineData("Mild,Moderate")]
    [InlineData("2")]
    public async Task A_combined_or_numeric_severity_is_refused_and_places_no_hold(string severity)
    {
        var response = await PostAsync(service.Medical, $"/courses/{courseId}/adverse-events", AdverseEvent(severity: severity));
        var messages = await ProblemAssert.FieldErrorAsync(response, "severity");
        Assert.Contains("must be one of: ", messages[0].GetString(), StringComparison.Ordinal);
        Assert.Null((await service.LoadAsync(courseId))!.ActiveHold);
    }

    [Fact]
    public async Task An_onset_out_of_range_names_the_onset()
    {
        var response = await PostAsync(service.Medical, $"/courses/{courseId}/adverse-events", AdverseEvent(onset: 50_000, occurredAt: Now.AddDays(-1)));
        await response.AssertFieldErrorAsync("onsetMinutesAfterDose");
    }

    [Fact]
    public async Task An_adverse_event_without_type_names_the_type()
    {
        var response = await PostAsync(service.Medical, $"/courses/{courseId}/adverse-events",
            new { severity = "Mild", occurredAt = Now.AddDays(-1), actionTaken = "x", outcome = "y" });
        await response.AssertFieldErrorAsync("type");
    }

    [Fact]
    public async Task An_adverse_event_before_the_course_began_is_refused_with_the_rule_and_writes_nothing()
    {
        var before = (await service.LoadAsync(courseId))!.AdverseEvents.Count;
        var response = await PostAsync(service.Medical, $"/courses/{courseId}/adverse-events", AdverseEvent(occurredAt: Now.AddDays(-30)));
        await response.AssertRuleAsync(RuleIds.EventBeforeCourse);
        Assert.Equal(before, (await service.LoadAsync(courseId))!.AdverseEvents.Count);
    }

    [Fact]
    public async Task Releasing_without_an_active_hold_is_refused_with_the_rule()
    {
        var response = await PostAsync(service.Prescriber, $"/courses/{courseId}/holds/release", new { justification = "Reviewed" });
        await response.AssertRuleAsync(RuleIds.NoActiveHold);
    }

    [Fact]
    public async Task Releasing_without_a_justification_names_the_justification()
    {
        var response = await PostAsync(service.Prescriber, $"/courses/{courseId}/holds/release", new { justification = "  " });
        await response.AssertFieldErrorAsync("justification");
    }

    [Fact]
    public async Task Evaluating_before_the_induction_series_is_refused_with_the_rule()
    {
        var response = await PostAsync(service.Prescriber, $"/courses/{courseId}/evaluation", new { recommendation = "Discharge" });
        await response.AssertRuleAsync(RuleIds.EvaluationBeforeInduction);
    }

    [Fact]
    public async Task A_command_on_an_unknown_course_is_not_found()
    {
        var response = await PostAsync(service.Therapist, $"/courses/{Guid.NewGuid()}/outcomes", Phq9(5, Now));
        await response.JsonAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_stale_if_match_is_a_precondition_failure()
    {
        var response = await PostAsync(service.Therapist, $"/courses/{courseId}/outcomes", Phq9(9, Now.AddMinutes(-5)), "\"1\"");
        await response.JsonAsync(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task A_therapist_cannot_release_a_hold()
    {
        var response = await PostAsync(service.Therapist, $"/courses/{courseId}/holds/release", new { justification = "Reviewed" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("/adverse-events?limit=0", "limit")]
    [InlineData("/holds/active?limit=201", "limit")]
    [InlineData("/integration-sessions/overdue?cursor=not-a-cursor", "cursor")]
    public async Task Lists_refuse_a_bad_limit_or_cursor_naming_the_field(string url, string field)
    {
        await (await service.Prescriber.GetAsync(url)).AssertFieldErrorAsync(field);
    }

    [Fact]
    public async Task The_clinic_wide_register_carries_no_free_text_and_one_courses_events_do()
    {
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(service.Medical, $"/courses/{courseId}/adverse-events", AdverseEvent(severity: "Mild"))).StatusCode);

        var clinicWide = await service.Prescriber.GetJsonAsync<System.Text.Json.JsonElement>("/adverse-events?limit=200");
        Assert.NotEmpty(clinicWide.GetProperty("items").EnumerateArray());
        Assert.All(clinicWide.GetProperty("items").EnumerateArray(), e =>
        {
            Assert.Equal(System.Text.Json.JsonValueKind.Null, e.GetProperty("actionTaken").ValueKind);
            Assert.Equal(System.Text.Json.JsonValueKind.Null, e.GetProperty("outcome").ValueKind);
            Assert.Equal(System.Text.Json.JsonValueKind.Null, e.GetProperty("description").ValueKind);
        });

        var oneCourse = await service.Prescriber.GetJsonAsync<System.Text.Json.JsonElement>($"/adverse-events?courseId={courseId}&limit=200");
        Assert.Contains(oneCourse.GetProperty("items").EnumerateArray(), e => e.GetProperty("actionTaken").GetString() == "Observed");
    }

    [Fact]
    public async Task The_adverse_event_register_pages_with_a_cursor()
    {
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(service.Medical, $"/courses/{courseId}/adverse-events", AdverseEvent(severity: "Mild"))).StatusCode);
        }

        var first = await service.Medical.GetJsonAsync<System.Text.Json.JsonElement>($"/adverse-events?courseId={courseId}&limit=1");
        var next = first.GetProperty("next").GetString();
        Assert.Single(first.GetProperty("items").EnumerateArray());
        Assert.NotNull(next);

        var second = await service.Medical.GetJsonAsync<System.Text.Json.JsonElement>($"/adverse-events?courseId={courseId}&limit=1&cursor={Uri.EscapeDataString(next)}");
        Assert.NotEqual(
            first.GetProperty("items")[0].GetProperty("id").GetGuid(),
            second.GetProperty("items")[0].GetProperty("id").GetGuid());
    }

    [Theory]
    [InlineData(Roles.Analyst, "/courses/{0}/notes")]
    [InlineData(Roles.Medical, "/courses/{0}/notes")]
    [InlineData(Roles.Analyst, "/courses/{0}")]
    [InlineData(Roles.System, "/courses/{0}")]
    [InlineData(Roles.Analyst, "/courses/{0}/summary")]
    [InlineData(Roles.Analyst, "/adverse-events")]
    [InlineData(Roles.Therapist, "/adverse-events")]
    [InlineData(Roles.Analyst, "/holds/active")]
    [InlineData(Roles.Analyst, "/integration-sessions/overdue")]
    public async Task Roles_without_a_need_cannot_read_clinical_records(string role, string url)
    {
        using var client = service.Host.ClientFor(role);
        var response = await client.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, url, courseId));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData(Roles.Analyst, "/courses/{0}/intentions")]
    [InlineData(Roles.Medical, "/courses/{0}/integration-sessions")]
    [InlineData(Roles.Therapist, "/courses/{0}/pregnancy-reports")]
    [InlineData(Roles.Medical, "/courses/{0}/evaluation")]
    [InlineData(Roles.Analyst, "/courses/{0}/outcomes")]
    public async Task Roles_without_the_duty_cannot_write(string role, string url)
    {
        using var client = service.Host.ClientFor(role);
        var response = await PostAsync(client, string.Format(System.Globalization.CultureInfo.InvariantCulture, url, courseId), new { });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_therapist_cannot_grade_an_adverse_event()
    {
        var response = await PostAsync(service.Therapist, $"/courses/{courseId}/adverse-events/{Guid.NewGuid()}/grade", new { severity = "Mild", reason = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_anonymous_caller_is_unauthorised()
    {
        using var client = service.Host.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/courses/{courseId}")).StatusCode);
    }
}
