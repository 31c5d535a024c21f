using Platform.Contracts;
using static Platform.Testing.ScreeningApi;

namespace Screening.IntegrationTests;

/// <summary>Input the service cannot read is a 400 naming the field in plain words with a rule id, never a .NET type name.</summary>
public sealed class StrictInputTests(ScreeningApp fixture) : IClassFixture<ScreeningApp>
{
    private readonly HttpClient intake = fixture.Host.ClientFor(Roles.Intake, "intake-strict");

    private async Task<HttpResponseMessage> ReferRawAsync(string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/screenings") { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add(IdempotencyKey.Header, Guid.NewGuid().ToString());
        return await intake.SendAsync(request);
    }

    private static string Referral(string patient, string extra = "") =>
        $$"""{"externalReference":"EXT-1","referringClinician":"Dr R","indication":"TreatmentResistantDepression","requestedRoute":"IvKetamine","patient":{{patient}}{{extra}}}""";

    [Fact]
    public async Task An_unknown_property_is_a_400_naming_it() =>
        await ProblemAssert.UnreadableAsync(
            await ReferRawAsync(Referral("""{"fullName":"Alex Example","birthDate":"1985-06-01","email":"a@example.org"}""", ""","urgent":true""")),
            "urgent", InputRules.UnknownField);

    [Fact]
    public async Task An_unknown_nested_property_is_named_with_its_path() =>
        await ProblemAssert.UnreadableAsync(
            await ReferRawAsync(Referral("""{"fullName":"Alex Example","birthDate":"1985-06-01","emial":"a@example.org"}""")),
            "patient.emial", InputRules.UnknownField);

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    public async Task A_birth_date_out_of_range_says_so(string birthDate) =>
        await ProblemAssert.UnreadableAsync(
            await ReferRawAsync(Referral($$"""{"fullName":"Alex Example","birthDate":"{{birthDate}}","email":"a@example.org"}""")),
            "patient.birthDate", InputRules.OutOfRange, "between 1800-01-01 and 2199-12-31");

    [Fact]
    public async Task A_birth_date_of_the_wrong_type_says_what_a_date_looks_like() =>
        await ProblemAssert.UnreadableAsync(
            await ReferRawAsync(Referral("""{"fullName":"Alex Example","birthDate":19850601,"email":"a@example.org"}""")),
            "patient.birthDate", InputRules.InvalidValue, "must be a date");

    [Theory]
    [InlineData("PUT", "medical-history", "null")]
    [InlineData("PUT", "psychiatric-history", "")]
    [InlineData("PUT", "medications", "null")]
    [InlineData("PUT", "medications", "")]
    [InlineData("PUT", "prior-treatments", "null")]
    [InlineData("POST", "vitals", "")]
    public async Task An_intake_fact_without_a_body_is_a_400_saying_the_body_is_required(string method, string fact, string body)
    {
        var screening = await ReferAsync(intake);
        using var request = new HttpRequestMessage(new HttpMethod(method), $"/screenings/{screening.Id}/{fact}") {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };

        using var response = await intake.SendAsync(request);

        await ProblemAssert.UnreadableAsync(response, "body", InputRules.Required);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_400() =>
        await ProblemAssert.UnreadableAsync(await ReferRawAsync("""{"externalReference": "EXT-1",,}"""), "body", InputRules.InvalidValue);

    [Fact]
    public async Task An_as_of_that_is_not_a_date_is_a_400_naming_it_in_plain_words()
    {
        var screening = await ReferAsync(intake);
        using var response = await intake.GetAsync($"/screenings/{screening.Id}/as-of?asOf=notadate");
        await ProblemAssert.UnreadableAsync(response, "asOf", InputRules.InvalidValue, "date and time");
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59Z")]
    public async Task An_as_of_out_of_range_says_so(string asOf)
    {
        var screening = await ReferAsync(intake);
        using var response = await intake.GetAsync($"/screenings/{screening.Id}/as-of?asOf={Uri.EscapeDataString(asOf)}");
        await ProblemAssert.UnreadableAsync(response, "asOf", InputRules.OutOfRange, "between 1800-01-01 and 2199-12-31");
    }
}
