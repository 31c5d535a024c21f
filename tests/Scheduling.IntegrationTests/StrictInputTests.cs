using Platform.ServiceDefaults.Http;

namespace Scheduling.IntegrationTests;

/// <summary>Input the service cannot read is a 400 naming the field in plain words with a rule id, never a .NET type name.</summary>
public sealed class StrictInputTests(SchedulingApp app) : IClassFixture<SchedulingApp>
{
    private Task<HttpResponseMessage> PostRawAsync(string path, string json) =>
        app.Client().PostAsync(path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    [Fact]
    public async Task An_unknown_property_on_a_staff_member_is_a_400_naming_it() =>
        await ProblemAssert.UnreadableAsync(
            await PostRawAsync("/staff", """{"displayName":"Dana","role":"Therapist","credentials":[],"licence":"X-1"}"""),
            "licence", InputRules.UnknownField);

    [Fact]
    public async Task A_role_of_the_wrong_type_lists_the_roles() =>
        await ProblemAssert.UnreadableAsync(
            await PostRawAsync("/staff", """{"displayName":"Dana","role":3,"credentials":[]}"""),
            "role", InputRules.InvalidValue, "must be one of: ");

    [Theory]
    [InlineData("check-in", "")]
    [InlineData("vitals", "null")]
    [InlineData("cadss", "")]
    [InlineData("discharge", "null")]
    public async Task A_dosing_step_without_a_body_is_a_400_saying_the_body_is_required(string step, string body)
    {
        using var response = await app.Client(Roles.Medical).PostAsync(
            $"/courses/{Guid.NewGuid()}/sessions/{Guid.NewGuid()}/{step}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await ProblemAssert.UnreadableAsync(response, "body", InputRules.Required);
    }

    [Fact]
    public async Task A_calendar_query_that_is_not_a_date_is_a_400_naming_it()
    {
        var staff = await app.StaffAsync(StaffRole.Therapist);
        using var response = await app.Client().GetAsync($"/staff/{staff}/calendar?from=notadate&to=2026-01-02T00:00:00Z");
        await ProblemAssert.UnreadableAsync(response, "from", InputRules.InvalidValue, "date and time");
    }

    [Fact]
    public async Task A_calendar_query_out_of_range_says_so()
    {
        var staff = await app.StaffAsync(StaffRole.Therapist);
        using var response = await app.Client().GetAsync($"/staff/{staff}/calendar?from=0001-01-01T00:00:00Z&to=0001-01-02T00:00:00Z");
        await ProblemAssert.UnreadableAsync(response, "from", InputRules.OutOfRange, "between 1800-01-01 and 2199-12-31");
    }

    [Fact]
    public async Task A_missing_calendar_query_value_is_a_400_naming_it()
    {
        var staff = await app.StaffAsync(StaffRole.Therapist);
        using var response = await app.Client().GetAsync($"/staff/{staff}/calendar?from=2026-01-01T00:00:00Z");
        await ProblemAssert.UnreadableAsync(response, "to", InputRules.Required);
    }

    [Fact]
    public async Task An_occurred_at_on_a_set_up_command_is_a_400_naming_it_and_changes_nothing()
    {
        var roomId = await app.RoomAsync();
        var renamed = $"Renamed {Guid.NewGuid():N}";
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/rooms/{roomId}") {
            Content = JsonContent.Create(new { name = renamed, active = true }),
        };
        request.Headers.Add(OccurredAt.Header, DateTimeOffset.UtcNow.AddDays(-1).ToString("O", System.Globalization.CultureInfo.InvariantCulture));

        using var response = await app.Client().SendAsync(request);

        await ProblemAssert.FieldErrorAsync(response, OccurredAt.Header);
        var rooms = await app.Client().GetFromJsonAsync<JsonElement>("/rooms?limit=200");
        Assert.DoesNotContain(rooms.GetProperty("items").EnumerateArray(), r => r.GetProperty("name").GetString() == renamed);
    }
}
