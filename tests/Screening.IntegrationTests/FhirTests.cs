using System.Net.Http.Headers;
using System.Text;
using Hl7.Fhir.Model;
using Platform.Fhir;
using Screening.Api.Fhir;
using Task = System.Threading.Tasks.Task;

namespace Screening.IntegrationTests;

/// <summary>The FHIR API of Screening: referrals in as ServiceRequests, Patients and ServiceRequests read back, every answer valid R4.</summary>
public sealed class FhirTests(ScreeningApp fixture) : IClassFixture<ScreeningApp>
{
    private const string EhrSystem = "https://ehr.northside.example/referrals";

    private static string ReferralJson(string value, string subject = FhirServiceRequests.ContainedPatient, string birthDate = "1985-06-01") => $$"""
        {
          "resourceType": "ServiceRequest",
          "contained": [{
            "resourceType": "Patient", "id": "p",
            "name": [{ "text": "Alex Example" }],
            "birthDate": "{{birthDate}}",
            "telecom": [{ "system": "email", "value": "alex@example.org" }, { "system": "phone", "value": "+1-555-0100" }]
          }],
          "identifier": [{ "system": "{{EhrSystem}}", "value": "{{value}}" }],
          "status": "active",
          "intent": "order",
          "code": { "coding": [{ "system": "{{FhirServiceRequests.RouteSystem}}", "code": "IvKetamine" }] },
          "reasonCode": [{ "coding": [{ "system": "{{FhirServiceRequests.IndicationSystem}}", "code": "TreatmentResistantDepression" }] }],
          "subject": { "reference": "{{subject}}" },
          "requester": { "display": "Dr Rivera, Northside Psychiatry" }
        }
        """;

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string json, string? prefer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/fhir/ServiceRequest") {
            Content = new StringContent(json, Encoding.UTF8, FhirJson.MediaType),
        };
        if (prefer is not null)
        {
            request.Headers.Add("Prefer", prefer);
        }

        return await client.SendAsync(request);
    }

    private static string NewValue() => "REF-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task A_referral_as_a_service_request_opens_one_screening_and_its_retry_answers_the_same_one()
    {
        var value = NewValue();
        using var created = await PostAsync(fixture.Intake, ReferralJson(value));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var request = await FhirValidation.AssertValidAsync<ServiceRequest>(created);
        Assert.Equal($"ServiceRequest/{request.Id}/_history/{request.Meta!.VersionId}", created.Headers.Location!.OriginalString);
        Assert.Equal($"W/\"{request.Meta!.VersionId}\"", created.Headers.ETag!.ToString());
        Assert.Equal(RequestStatus.Active, request.Status);
        Assert.Equal(value, request.Identifier.Single().Value);

        using var retry = await PostAsync(fixture.Intake, ReferralJson(value));
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(request.Id, (await FhirValidation.AssertValidAsync<ServiceRequest>(retry)).Id);

        using var search = await fixture.Intake.GetAsync($"/fhir/ServiceRequest?identifier={Uri.EscapeDataString(EhrSystem + "|" + value)}");
        Assert.Equal(1, (await FhirValidation.AssertValidAsync<Bundle>(search)).Total);
    }

    [Fact]
    public async Task Prefer_return_minimal_answers_headers_only_and_if_none_exist_must_name_the_body_identifier()
    {
        using var minimal = await PostAsync(fixture.Intake, ReferralJson(NewValue()), "return=minimal");
        Assert.Equal(HttpStatusCode.Created, minimal.StatusCode);
        Assert.Empty(await minimal.Content.ReadAsStringAsync());
        Assert.NotNull(minimal.Headers.Location);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/fhir/ServiceRequest") {
            Content = new StringContent(ReferralJson(NewValue()), Encoding.UTF8, FhirJson.MediaType),
        };
        request.Headers.Add("If-None-Exist", $"identifier={EhrSystem}|another");
        using var mismatch = await fixture.Intake.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        var outcome = await FhirValidation.AssertValidAsync<OperationOutcome>(mismatch);
        Assert.Contains(outcome.Issue, i => i.Expression.Contains("If-None-Exist"));
    }

    [Fact]
    public async Task The_patient_and_the_service_request_read_back_and_search_in_pages()
    {
        using var created = await PostAsync(fixture.Intake, ReferralJson(NewValue(), birthDate: "1961-02-03"));
        var first = await FhirValidation.AssertValidAsync<ServiceRequest>(created);
        var patientId = first.Subject!.Reference!["Patient/".Length..];
        using var second = await PostAsync(fixture.Intake, ReferralJson(NewValue(), subject: $"Patient/{patientId}"));
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);

        using var patientRead = await fixture.Intake.GetAsync($"/fhir/Patient/{patientId}");
        var patient = await FhirValidation.AssertValidAsync<Patient>(patientRead);
        Assert.Equal("Alex Example", patient.Name.Single().Text);
        Assert.Equal("1961-02-03", patient.BirthDate);
        Assert.Equal("2", patient.Meta!.VersionId); // two referrals stated the identity
        Assert.Equal("W/\"2\"", patientRead.Headers.ETag!.ToString());

        using var requestRead = await fixture.Prescriber.GetAsync($"/fhir/ServiceRequest/{first.Id}");
        var read = await FhirValidation.AssertValidAsync<ServiceRequest>(requestRead);
        Assert.Equal("TreatmentResistantDepression", read.ReasonCode.Single().Coding.Single().Code);

        using var page1 = await fixture.Intake.GetAsync($"/fhir/ServiceRequest?patient=Patient/{patientId}&status=active&_count=1");
        var bundle = await FhirValidation.AssertValidAsync<Bundle>(page1);
        Assert.Equal(2, bundle.Total);
        Assert.Single(bundle.Entry);
        var next = new Uri(bundle.Link.Single(l => l.Relation == "next").Url!);
        using var page2 = await fixture.Intake.GetAsync(next.PathAndQuery);
        var last = await FhirValidation.AssertValidAsync<Bundle>(page2);
        Assert.Single(last.Entry);
        Assert.DoesNotContain(last.Link, l => l.Relation == "next");
        Assert.NotEqual(bundle.Entry[0].Resource!.Id, last.Entry[0].Resource!.Id);

        using var patients = await fixture.Intake.GetAsync($"/fhir/Patient?birthdate=1961-02&_count=5");
        var found = await FhirValidation.AssertValidAsync<Bundle>(patients);
        Assert.Contains(found.Entry, e => e.Resource!.Id == patientId);
        using var none = await fixture.Intake.GetAsync($"/fhir/Patient?_id={patientId}&birthdate=gt1961-02-03");
        Assert.Equal(0, (await FhirValidation.AssertValidAsync<Bundle>(none)).Total);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("""{ "resourceType": "ServiceRequest", "status": "sleeping", "intent": "order" }""")]
    [InlineData("""{ "resourceType": "Patient" }""")]
    public async Task A_malformed_body_is_a_400_operation_outcome(string body)
    {
        using var response = await PostAsync(fixture.Intake, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await FhirValidation.AssertValidAsync<OperationOutcome>(response);
    }

    [Fact]
    public async Task A_referral_the_command_refuses_names_the_fhir_element()
    {
        using var response = await PostAsync(fixture.Intake, ReferralJson(NewValue(), birthDate: "2999-01-01"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirValidation.AssertValidAsync<OperationOutcome>(response);
        Assert.Contains(outcome.Issue, i => i.Expression.Contains("Patient.birthDate"));
    }

    [Fact]
    public async Task An_unknown_patient_is_refused_with_the_rule_id_of_the_rest_api()
    {
        using var response = await PostAsync(fixture.Intake, ReferralJson(NewValue(), subject: $"Patient/{Guid.NewGuid()}"));

        var outcome = await FhirValidation.AssertValidAsync<OperationOutcome>(response);
        Assert.Equal((HttpStatusCode)new RuleStatuses(RuleIds.Statuses).StatusOf(RuleIds.UnknownPatient), response.StatusCode);
        Assert.Contains(outcome.Issue, i => i.Details!.Coding.Any(c => c.System == FhirOutcome.RuleSystem && c.Code == RuleIds.UnknownPatient));
    }

    [Fact]
    public async Task An_unsupported_search_parameter_is_a_400_naming_it()
    {
        using var response = await fixture.Intake.GetAsync("/fhir/Patient?name=Alex");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirValidation.AssertValidAsync<OperationOutcome>(response);
        Assert.Contains(outcome.Issue, i => i.Expression.Contains("name"));
    }

    [Fact]
    public async Task Roles_are_those_of_the_rest_api_and_refusals_are_operation_outcomes()
    {
        using var created = await PostAsync(fixture.As(Roles.System, "ehr-1"), ReferralJson(NewValue()));
        var request = await FhirValidation.AssertValidAsync<ServiceRequest>(created);
        Assert.Empty(request.ReasonCode); // clinic systems see the referral's progress, not its clinical codes

        using var scheduler = await fixture.As(Roles.Scheduler, "scheduler-1").GetAsync($"/fhir/ServiceRequest/{request.Id}");
        Assert.Equal(HttpStatusCode.Forbidden, scheduler.StatusCode);
        await FhirValidation.AssertValidAsync<OperationOutcome>(scheduler);

        using var system = await fixture.As(Roles.System, "ehr-1").GetAsync(request.Subject!.Reference!.Replace("Patient/", "/fhir/Patient/", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, system.StatusCode);

        using var anonymous = fixture.Host.CreateClient();
        using var noToken = await anonymous.GetAsync($"/fhir/ServiceRequest/{request.Id}");
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        await FhirValidation.AssertValidAsync<OperationOutcome>(noToken);

        using var unknown = await fixture.Intake.GetAsync("/fhir/ServiceRequest/not-a-screening");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        await FhirValidation.AssertValidAsync<OperationOutcome>(unknown);
    }

    [Fact]
    public async Task A_fhir_read_of_phi_writes_its_access_audit_row()
    {
        using var created = await PostAsync(fixture.Intake, ReferralJson(NewValue()));
        var request = await FhirValidation.AssertValidAsync<ServiceRequest>(created);
        var patientId = request.Subject!.Reference!["Patient/".Length..];
        using var reader = fixture.As(Roles.Prescriber, "fhir-reader");
        using var read = await reader.GetAsync($"/fhir/Patient/{patientId}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);

        using var officer = fixture.As(Roles.PrivacyOfficer, "privacy-1");
        using var audit = await officer.GetAsync($"/audit/access?recordId={patientId}&subject=fhir-reader");
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        using var rows = JsonDocument.Parse(await audit.Content.ReadAsStringAsync());
        var row = Assert.Single(rows.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal("/fhir/Patient/{patientId}", row.GetProperty("route").GetString());
        Assert.Contains(row.GetProperty("recordIds").EnumerateArray(), id => id.GetString() == request.Id);
    }
}
