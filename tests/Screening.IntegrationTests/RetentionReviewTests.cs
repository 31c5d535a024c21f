using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using static Platform.Testing.ScreeningApi;

namespace Screening.IntegrationTests;

/// <summary>
/// Records past their retention are listed for the privacy officer to review, never deleted silently; once listed, an
/// erasure needs no legal basis. Its own fixture: the test moves the clinic's clock ten years on.
/// </summary>
public sealed class RetentionReviewTests(ScreeningApp fixture) : IClassFixture<ScreeningApp>
{
    private HttpClient Officer => fixture.As(Roles.PrivacyOfficer, "privacy-1");

    private async Task<Referred> DeclinedAsync(string birthDate)
    {
        var referral = await ReferAsync(fixture.Intake, new {
            externalReference = "MRN-" + Guid.NewGuid().ToString("N")[..10],
            referringClinician = "Dr Referrer",
            indication = "TreatmentResistantDepression",
            requestedRoute = "IvKetamine",
            patient = new { fullName = "Retained Patient", birthDate, email = "retained@example.org" },
        });
        await SendOkAsync(fixture.Prescriber, HttpMethod.Post, $"/screenings/{referral.Id}/decline", new { reason = "Declined" });
        return referral;
    }

    private async Task<IReadOnlyList<Guid>> DueAsync() =>
        [.. (await GetAsync<JsonElement>(Officer, "/privacy/retention-review?limit=200")).GetProperty("items").EnumerateArray()
            .Select(d => d.GetProperty("patientId").GetGuid())];

    [Fact]
    public async Task Patients_past_retention_are_listed_and_then_erased_without_a_legal_basis()
    {
        var adult = await DeclinedAsync("1985-06-01");
        var minor = await DeclinedAsync(DateTime.UtcNow.AddYears(-12).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.DoesNotContain(adult.PatientId, await DueAsync());

        fixture.Clock.Advance(TimeSpan.FromDays((10 * 366) + 2));
        var recent = await DeclinedAsync("1985-06-01");
        var due = await DueAsync();

        Assert.Contains(adult.PatientId, due);
        Assert.DoesNotContain(minor.PatientId, due);  // kept ten years past the 18th birthday, six years from now
        Assert.DoesNotContain(recent.PatientId, due);

        using var erased = await Officer.PostAsJsonAsync(new Uri($"/privacy/patients/{adult.PatientId}/erasure", UriKind.Relative), new { reason = "Retention review" });
        await ExpectAsync(erased, HttpStatusCode.OK);
        Assert.DoesNotContain(adult.PatientId, await DueAsync());
        var refused = await ProblemAsync(
            await Officer.PostAsJsonAsync(new Uri($"/privacy/patients/{minor.PatientId}/erasure", UriKind.Relative), new { reason = "Retention review" }),
            HttpStatusCode.Conflict);
        Assert.Equal(RuleIds.ErasureBeforeRetention, refused.GetProperty("ruleId").GetString());
    }
}
