using System.Text;
using Platform.ServiceDefaults.Http;

namespace Scheduling.IntegrationTests;

/// <summary>
/// Requests an attacker with a valid token could send (issue 30): each is refused with a 4xx that names the field or
/// the limit, never a 500, never a silent default, and leaves nothing stored.
/// </summary>
public sealed class HostileInputTests(SchedulingApp app) : IClassFixture<SchedulingApp>
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Weekly(int count) =>
        "{\"weekly\":[" + string.Join(',', Enumerable.Repeat("""{"day":"Monday","start":"08:00","end":"17:00"}""", count)) + "],\"timeOff\":[]}";

    private async Task<string> AvailabilityAsync(Guid staff) => await app.Client().GetStringAsync($"/staff/{staff}/availability");

    [Fact]
    public async Task Many_overlapping_weekly_windows_are_refused_by_count_before_any_pair_is_compared()
    {
        var staff = await app.StaffAsync(StaffRole.Therapist);

        var before = await AvailabilityAsync(staff);

        var response = await app.Client().PutAsync($"/staff/{staff}/availability", Json(Weekly(ResourceInput.MaxWeeklyRules + 1)));

        var messages = await ProblemAssert.FieldErrorAsync(response, "weekly");
        Assert.Contains("at most 70", messages[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await AvailabilityAsync(staff));
    }

    [Fact]
    public async Task A_body_larger_than_the_limit_is_a_413_naming_the_limit_before_it_is_read()
    {
        var staff = await app.StaffAsync(StaffRole.Therapist);

        var response = await app.Client().PutAsync($"/staff/{staff}/availability", Json(Weekly(8_000)));

        var problem = await ProblemAssert.RefusedAsync(response, HttpStatusCode.RequestEntityTooLarge, InputRules.TooLarge);
        Assert.Contains("262144 bytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"weekly":[{}],"timeOff":[]}""")]
    [InlineData("""{"weekly":[{"day":"Monday","start":"08:00"}],"timeOff":[]}""")]
    [InlineData("""{"weekly":[],"timeOff":[{"reason":"holiday"}]}""")]
    public async Task An_availability_entry_missing_its_day_or_times_is_refused_not_read_as_a_whole_sunday(string body)
    {
        var staff = await app.StaffAsync(StaffRole.Therapist);

        var before = await AvailabilityAsync(staff);

        var response = await app.Client().PutAsync($"/staff/{staff}/availability", Json(body));

        await ProblemAssert.RefusedAsync(response, HttpStatusCode.BadRequest, InputRules.Required);
        Assert.Equal(before, await AvailabilityAsync(staff));
    }

    [Theory]
    [InlineData("""{"displayName":"Dana","credentials":[]}""", InputRules.Required)]
    [InlineData("""{"displayName":"Dana","role":"Therapist","credentials":[{"kind":"License","identifier":"L-1"}]}""", InputRules.Required)]
    [InlineData("""{"displayName":"Dana","role":"Therapist","credentials":[{"identifier":"L-1","expiresOn":"2030-01-01"}]}""", InputRules.Required)]
    [InlineData("""{"displayName":"Dana","role":"Therapist, Prescriber","credentials":[]}""", InputRules.InvalidValue)]
    public async Task A_staff_member_without_a_required_field_or_with_a_combined_role_is_refused(string body, string ruleId)
    {
        var response = await app.Client().PostAsync("/staff", Json(body));

        await ProblemAssert.RefusedAsync(response, HttpStatusCode.BadRequest, ruleId);
    }

    [Fact]
    public async Task More_credentials_than_a_person_holds_are_refused()
    {
        var credentials = string.Join(',', Enumerable.Repeat("""{"kind":"License","identifier":"L-1","expiresOn":"2030-01-01"}""", 21));

        var response = await app.Client().PostAsync("/staff", Json($$"""{"displayName":"Dana","role":"Therapist","credentials":[{{credentials}}]}"""));

        await ProblemAssert.FieldErrorAsync(response, "credentials");
    }

    [Theory]
    [InlineData("""{"kind":"Preparation","end":"2030-01-01T10:00:00Z"}""", InputRules.Required)]
    [InlineData("""{"start":"2030-01-01T09:00:00Z","end":"2030-01-01T10:00:00Z"}""", InputRules.Required)]
    [InlineData("""{"kind":"Preparation, Dosing","start":"2030-01-01T09:00:00Z","end":"2030-01-01T10:00:00Z"}""", InputRules.InvalidValue)]
    [InlineData("""{"kind":1,"start":"2030-01-01T09:00:00Z","end":"2030-01-01T10:00:00Z"}""", InputRules.InvalidValue)]
    [InlineData("""{"kind":"Preparation","start":"2030-01-01T09:00:00Z","end":"2030-01-01T10:00:00Z","sessionId":"00000000-0000-0000-0000-000000000000"}""", InputRules.Invalid)]
    [InlineData("""{"kind":"Preparation","start":"2030-01-01T09:00:00Z","end":"2030-01-01T17:01:00Z"}""", InputRules.Invalid)]
    public async Task A_booking_without_its_kind_or_start_or_with_a_made_up_value_or_a_block_over_8_hours_is_a_400(string body, string ruleId)
    {
        var course = await app.OpenCourseAsync();

        var response = await app.Client().PostAsync($"/courses/{course}/sessions", Json(body));

        await ProblemAssert.RefusedAsync(response, HttpStatusCode.BadRequest, ruleId);
    }

    [Fact]
    public async Task A_reschedule_to_a_block_over_8_hours_names_its_end()
    {
        var course = await app.OpenCourseAsync();

        var response = await app.Client().PutAsync(
            $"/courses/{course}/sessions/{Guid.NewGuid()}", Json("""{"start":"2030-01-01T09:00:00Z","end":"2030-01-01T17:01:00Z"}"""));

        var messages = await ProblemAssert.FieldErrorAsync(response, "end");
        Assert.Contains("at most 480 minutes", messages[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reschedule_without_its_start_is_a_400()
    {
        var course = await app.OpenCourseAsync();

        var response = await app.Client().PutAsync($"/courses/{course}/sessions/{Guid.NewGuid()}", Json("""{"end":"2030-01-01T10:00:00Z"}"""));

        await ProblemAssert.RefusedAsync(response, HttpStatusCode.BadRequest, InputRules.Required);
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("0001-01-01")]
    [InlineData("1799-12-31")]
    [InlineData("2200-01-01")]
    public async Task A_board_outside_the_supported_years_is_a_400(string date) =>
        await ProblemAssert.FieldErrorAsync(await app.Client().GetAsync($"/board/{date}"), "date");

    [Theory]
    [InlineData("role=1")]
    [InlineData("role=Therapist,Prescriber")]
    public async Task A_query_enum_is_one_name(string query) =>
        await ProblemAssert.UnreadableAsync(await app.Client().GetAsync($"/staff?{query}"), "role", InputRules.InvalidValue, "must be one of: Therapist");

    [Fact]
    public async Task A_query_instant_without_its_offset_is_a_400()
    {
        var staff = await app.StaffAsync(StaffRole.Therapist);

        var response = await app.Client().GetAsync($"/staff/{staff}/calendar?from=2030-01-01T00:00:00&to=2030-01-02T00:00:00Z");

        await ProblemAssert.UnreadableAsync(response, "from", InputRules.InvalidValue, "with an offset");
    }

    [Fact]
    public async Task An_audit_subject_with_a_nul_is_a_400() =>
        await ProblemAssert.FieldErrorAsync(await app.Client(Roles.PrivacyOfficer).GetAsync("/audit/access?subject=a%00b"), "subject");

    [Fact]
    public async Task A_body_nested_deeper_than_any_request_is_refused()
    {
        var deep = string.Concat(Enumerable.Repeat("""{"a":""", 40)) + "1" + new string('}', 40);

        var response = await app.Client().PostAsync("/staff", Json(deep));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
