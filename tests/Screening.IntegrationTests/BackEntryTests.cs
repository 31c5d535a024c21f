using System.Globalization;
using Marten;
using Platform.ServiceDefaults.Identity;
using Screening.Api.Screenings;
using static Platform.Testing.ScreeningApi;

namespace Screening.IntegrationTests;

/// <summary>
/// A paper record entered later (Occurred-At): decided as of when it happened, kept with its real entry time, within
/// the back-entry window, and never dated before what the record already holds.
/// </summary>
public sealed class BackEntryTests(ScreeningApp fixture) : IClassFixture<ScreeningApp>
{
    private readonly HttpClient intake = fixture.Host.ClientFor(Roles.Intake, "intake-back-entry");

    private static string Instant(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object body, string? occurredAt, string? key = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, options: Json) };
        if (occurredAt is not null)
        {
            request.Headers.TryAddWithoutValidation(OccurredAt.Header, occurredAt);
        }

        if (key is not null)
        {
            request.Headers.Add(IdempotencyKey.Header, key);
        }

        return intake.SendAsync(request);
    }

    [Fact]
    public async Task A_screening_entered_from_paper_is_decided_as_of_then_and_no_later_entry_can_be_dated_before_the_record()
    {
        var referredOn = DateTimeOffset.UtcNow.AddDays(-20);
        using var referral = await SendAsync(HttpMethod.Post, "/screenings", Referral(), Instant(referredOn), Guid.NewGuid().ToString());
        await ExpectAsync(referral, HttpStatusCode.Created);
        var (id, _, referredVersion) = (await referral.Content.ReadFromJsonAsync<ReferralAccepted>(Json))!;
        var path = $"/screenings/{id}";

        // Dated before the referral: refused, and nothing is appended.
        using var earlier = await SendAsync(HttpMethod.Put, path + "/medical-history", MedicalHistory(), Instant(referredOn.AddDays(-10)));
        await ProblemAssert.RefusedAsync(earlier, HttpStatusCode.UnprocessableEntity, OccurredAt.BeforeRecordRuleId);
        Assert.Equal(referredVersion, (await GetAsync<JsonElement>(intake, path)).GetProperty("version").GetInt64());

        // Decided as of the back-entered instant: vitals taken an hour ago are in that moment's future.
        var intakeDay = referredOn.AddDays(1);
        using var history = await SendAsync(HttpMethod.Put, path + "/medical-history", MedicalHistory(), Instant(intakeDay));
        await ExpectAsync(history, HttpStatusCode.OK);
        using var lateVitals = await SendAsync(HttpMethod.Post, path + "/vitals", Vitals(takenAt: DateTimeOffset.UtcNow.AddHours(-1)), Instant(intakeDay));
        await ProblemAssert.FieldErrorAsync(lateVitals, "takenAt");
        using var vitals = await SendAsync(HttpMethod.Post, path + "/vitals", Vitals(takenAt: intakeDay.AddMinutes(-10)), Instant(intakeDay));
        await ExpectAsync(vitals, HttpStatusCode.OK);

        // A fact recorded now still follows the back-entered ones.
        using var now = await SendAsync(HttpMethod.Put, path + "/medications", NoMedications, occurredAt: null);
        await ExpectAsync(now, HttpStatusCode.OK);

        // The record keeps both times: when it happened (header) and when it was entered (timestamp).
        await using var session = fixture.Host.Store.QuerySession(ClinicScope.Development);
        var events = await session.Events.FetchStreamAsync(id);
        Assert.Equal(referredOn, OccurredAt.FromEventHeader(events[0].Headers));
        Assert.True(events[0].Timestamp > DateTimeOffset.UtcNow.AddMinutes(-5), "the entry time is when it was typed in");
        Assert.False(events[^1].Headers?.ContainsKey(OccurredAt.EventHeader) ?? false);
    }

    [Theory]
    [InlineData(1.0 / 24, "must not be in the future")]
    [InlineData(-91.0, "back-entry window")]
    [InlineData(null, "ISO 8601")]
    public async Task An_occurred_at_outside_its_bounds_is_a_400_naming_the_header_and_opens_nothing(double? daysFromNow, string rule)
    {
        var value = daysFromNow is { } days ? Instant(DateTimeOffset.UtcNow.AddDays(days)) : "yesterday";
        var key = Guid.NewGuid().ToString();
        using var response = await SendAsync(HttpMethod.Post, "/screenings", Referral(), value, key);

        var messages = await ProblemAssert.FieldErrorAsync(response, OccurredAt.Header);
        Assert.Contains(rule, messages[0].GetString(), StringComparison.Ordinal);
        await using var session = fixture.Host.Store.QuerySession(ClinicScope.Development);
        Assert.Null(await session.Events.FetchStreamStateAsync(IdempotencyKey.ToStreamId("screening-referral\nintake-back-entry", key)));
    }

    [Fact]
    public async Task An_occurred_at_without_an_offset_is_refused_because_its_zone_would_be_a_guess()
    {
        using var response = await SendAsync(HttpMethod.Post, "/screenings", Referral(), "2026-11-01T10:00:00", Guid.NewGuid().ToString());
        await ProblemAssert.FieldErrorAsync(response, OccurredAt.Header);
    }
}
