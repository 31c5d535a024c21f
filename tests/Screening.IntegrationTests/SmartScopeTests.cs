using System.Text;
using Hl7.Fhir.Model;
using Platform.Contracts;
using static Platform.Testing.ScreeningApi;
using Task = System.Threading.Tasks.Task;

namespace Screening.IntegrationTests;

/// <summary>SMART on FHIR scopes on top of the roles: a caller reads only the resource types, and does only what, its token names.</summary>
public sealed class SmartScopeTests(ScreeningApp fixture) : IClassFixture<ScreeningApp>
{
    private async Task<HttpResponseMessage> GetAsync(string scopes, string path, string role = Roles.Prescriber)
    {
        using var client = fixture.Host.ClientFor(role, "ehr-scoped", scopes: scopes);
        return await client.GetAsync(new Uri(path, UriKind.Relative));
    }

    private static async Task AssertInsufficientScopeAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var outcome = await FhirValidation.AssertValidAsync<OperationOutcome>(response);
        Assert.Contains(outcome.Issue, i => i.Details != null && i.Details.Coding.Any(c => c.Code == InputRules.InsufficientScope));
    }

    [Fact]
    public async Task A_token_scoped_to_observations_searches_them_and_nothing_else()
    {
        var referral = await ReferAsync(fixture.Intake);
        const string scope = "user/Observation.rs";

        using var observations = await GetAsync(scope, $"/fhir/Observation?patient=Patient/{referral.PatientId}");
        Assert.Equal(HttpStatusCode.OK, observations.StatusCode);

        using var patient = await GetAsync(scope, $"/fhir/Patient/{referral.PatientId}");
        await AssertInsufficientScopeAsync(patient);
        using var conditions = await GetAsync(scope, $"/fhir/Condition?patient=Patient/{referral.PatientId}");
        await AssertInsufficientScopeAsync(conditions);
    }

    [Fact]
    public async Task Read_is_not_search_and_a_read_scope_does_not_create()
    {
        var referral = await ReferAsync(fixture.Intake);
        const string scope = "user/Patient.r user/ServiceRequest.rs";

        using var read = await GetAsync(scope, $"/fhir/Patient/{referral.PatientId}", Roles.Intake);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        using var search = await GetAsync(scope, $"/fhir/Patient?_id={referral.PatientId}", Roles.Intake);
        await AssertInsufficientScopeAsync(search);

        using var client = fixture.Host.ClientFor(Roles.System, "ehr-scoped", scopes: scope);
        using var create = await client.PostAsync(
            new Uri("/fhir/ServiceRequest", UriKind.Relative), new StringContent("{\"resourceType\":\"ServiceRequest\"}", Encoding.UTF8, new System.Net.Http.Headers.MediaTypeHeaderValue("application/fhir+json")));
        await AssertInsufficientScopeAsync(create);
    }

    [Theory]
    [InlineData("")]
    [InlineData("openid profile")]
    [InlineData("patient/*.rs")] // no patient launch context here: such a scope grants nothing
    [InlineData("system/Patient.c")]
    [InlineData("system/Patient.sr")] // v2 letters out of order: not a scope
    public async Task A_token_without_a_granting_scope_is_refused_even_when_the_role_may_read(string scopes)
    {
        var referral = await ReferAsync(fixture.Intake);

        using var response = await GetAsync(scopes, $"/fhir/Patient/{referral.PatientId}", Roles.Prescriber);

        await AssertInsufficientScopeAsync(response);
    }

    [Theory]
    [InlineData("user/*.cruds")]
    [InlineData("user/Patient.read")]
    [InlineData("user/*.*")]
    public async Task Wildcards_and_v1_scopes_grant_what_they_name(string scopes)
    {
        var referral = await ReferAsync(fixture.Intake);

        using var response = await GetAsync(scopes, $"/fhir/Patient/{referral.PatientId}", Roles.Prescriber);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_scope_does_not_widen_the_role()
    {
        var referral = await ReferAsync(fixture.Intake);

        using var response = await GetAsync("user/*.cruds", $"/fhir/Patient/{referral.PatientId}", Roles.Operator);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
