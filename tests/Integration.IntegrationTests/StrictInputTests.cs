using Platform.ServiceDefaults.Http;

namespace Integration.IntegrationTests;

/// <summary>Input the service cannot read is a 400 naming the field in plain words with a rule id, never a .NET type name.</summary>
public sealed class StrictInputTests(IntegrationApp service) : IClassFixture<IntegrationApp>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private async Task<HttpResponseMessage> PostRawAsync(Guid courseId, string json) =>
        await service.Medical.PostAsync(
            $"/courses/{courseId}/adverse-events", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    [Fact]
    public async Task A_misspelt_severity_is_a_400_naming_it_not_an_adverse_event_without_severity()
    {
        var courseId = await service.OpenCourseAsync(Now.AddDays(-10));
        var response = await PostRawAsync(courseId,
            $$"""{"type":"Sedation","severty":"Severe","occurredAt":"{{Now.AddDays(-1):O}}","actionTaken":"Observed","outcome":"Resolved"}""");

        await ProblemAssert.UnreadableAsync(response, "severty", InputRules.UnknownField);
        Assert.Empty((await service.LoadAsync(courseId))!.AdverseEvents);
    }

    [Fact]
    public async Task An_occurred_at_of_the_wrong_type_says_what_a_date_looks_like()
    {
        var courseId = await service.OpenCourseAsync(Now.AddDays(-10));
        var response = await PostRawAsync(courseId,
            """{"type":"Sedation","severity":"Mild","occurredAt":true,"actionTaken":"Observed","outcome":"Resolved"}""");

        await ProblemAssert.UnreadableAsync(response, "occurredAt", InputRules.InvalidValue, "date and time");
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59Z")]
    public async Task An_occurred_at_out_of_range_says_so(string occurredAt)
    {
        var courseId = await service.OpenCourseAsync(Now.AddDays(-10));
        var response = await PostRawAsync(courseId,
            $$"""{"type":"Sedation","severity":"Mild","occurredAt":"{{occurredAt}}","actionTaken":"Observed","outcome":"Resolved"}""");

        await ProblemAssert.UnreadableAsync(response, "occurredAt", InputRules.OutOfRange, "between 1800-01-01 and 2199-12-31");
    }

    [Fact]
    public async Task An_unknown_severity_lists_the_allowed_ones()
    {
        var courseId = await service.OpenCourseAsync(Now.AddDays(-10));
        var response = await PostRawAsync(courseId,
            $$"""{"type":"Sedation","severity":"Catastrophic","occurredAt":"{{Now.AddDays(-1):O}}","actionTaken":"Observed","outcome":"Resolved"}""");

        await ProblemAssert.UnreadableAsync(response, "severity", InputRules.InvalidValue, "must be one of: ");
    }
}
