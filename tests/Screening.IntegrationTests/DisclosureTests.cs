using System.Text.Json;
using static Platform.Testing.ScreeningApi;

namespace Screening.IntegrationTests;

/// <summary>
/// The accounting of disclosures (HIPAA 164.528): per patient, the reads by other systems and FHIR clients, from the
/// access audit; the clinic's own staff reading through the REST API are not disclosures.
/// </summary>
public sealed class DisclosureTests(ScreeningApp fixture) : IClassFixture<ScreeningApp>
{
    private HttpClient Officer => fixture.As(Roles.PrivacyOfficer, "privacy-1");

    [Fact]
    public async Task A_patients_disclosures_are_the_answered_reads_by_systems_and_fhir_clients()
    {
        var ehr = fixture.As(Roles.System, "ehr-north");
        var referral = await ReferAsync(ehr);
        var other = await ReferAsync(ehr);
        Assert.Equal(HttpStatusCode.OK, (await ehr.GetAsync(new Uri($"/fhir/ServiceRequest/{referral.Id}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.As(Roles.Prescriber, "dr-fhir-app").GetAsync(new Uri($"/fhir/Patient/{referral.PatientId}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Intake.GetAsync(new Uri($"/screenings/{referral.Id}", UriKind.Relative))).StatusCode); // staff: not a disclosure
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.As(Roles.Therapist, "t-1").GetAsync(new Uri($"/fhir/Patient/{referral.PatientId}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ehr.GetAsync(new Uri($"/fhir/ServiceRequest/{other.Id}", UriKind.Relative))).StatusCode); // another patient

        using var response = await Officer.GetAsync(new Uri($"/audit/disclosures?patientId={referral.PatientId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var rows = page.RootElement.GetProperty("items").EnumerateArray().ToList();

        Assert.Contains(rows, r => r.GetProperty("subject").GetString() == "ehr-north" && r.GetProperty("route").GetString()!.StartsWith("/fhir/ServiceRequest/", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.GetProperty("subject").GetString() == "dr-fhir-app" && r.GetProperty("route").GetString()!.StartsWith("/fhir/Patient/", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.GetProperty("subject").GetString() is "intake-1" or "t-1");
        Assert.All(rows, r =>
        {
            Assert.InRange(r.GetProperty("status").GetInt32(), 200, 299);
            Assert.Contains(referral.PatientId, r.GetProperty("recordIds").EnumerateArray().Select(id => id.GetGuid()));
        });
    }

    [Theory]
    [InlineData("", "patientId")]
    [InlineData("&from=2019-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "from")]
    [InlineData("&from=2026-01-01T00:00:00Z&to=2025-01-01T00:00:00Z", "to")]
    public async Task An_accounting_names_one_patient_over_at_most_six_years(string query, string field)
    {
        var patient = query.Length == 0 ? string.Empty : $"patientId={Guid.NewGuid()}";

        using var response = await Officer.GetAsync(new Uri($"/audit/disclosures?{patient}{query}", UriKind.Relative));

        await ProblemAssert.FieldErrorAsync(response, field);
    }
}
