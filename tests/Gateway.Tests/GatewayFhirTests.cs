using System.Text;
using Hl7.Fhir.Model;
using Integration.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Platform.Contracts;
using Platform.Fhir;
using Platform.Gateway;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Identity;
using Scheduling.Api;
using Screening.Api;
using Task = System.Threading.Tasks.Task;

namespace Gateway.Tests;

/// <summary>Screening on its own database, as its integration tests host it.</summary>
public sealed class ScreeningBehindGateway : ServiceApp<ScreeningServiceMarker>;

/// <summary>Scheduling on its own database, as its integration tests host it.</summary>
public sealed class SchedulingBehindGateway : ServiceApp<SchedulingServiceMarker>;

/// <summary>Integration on its own database, as its integration tests host it.</summary>
public sealed class IntegrationBehindGateway : ServiceApp<IntegrationServiceMarker>;

/// <summary>The gateway in memory, its routes pointed at the Screening, Scheduling and Integration hosts of the fixtures.</summary>
public sealed class GatewayFhirTests(ScreeningBehindGateway screening, SchedulingBehindGateway scheduling, IntegrationBehindGateway integration)
    : IClassFixture<ScreeningBehindGateway>, IClassFixture<SchedulingBehindGateway>, IClassFixture<IntegrationBehindGateway>, IAsyncLifetime
{
    private WebApplication? gateway;

    private HttpClient Client => gateway!.GetTestClient();

    public async ValueTask InitializeAsync()
    {
        var hosts = new Dictionary<string, HttpMessageHandler> {
            [FhirRoutes.Screening] = screening.Host.Server.CreateHandler(),
            [FhirRoutes.Scheduling] = scheduling.Host.Server.CreateHandler(),
            [FhirRoutes.Integration] = integration.Host.Server.CreateHandler(),
        };
        gateway = await InMemoryGateway.StartAsync(hosts);
    }

    public async ValueTask DisposeAsync()
    {
        if (gateway is not null)
        {
            await gateway.DisposeAsync();
        }
    }

    [Fact]
    public async Task Metadata_is_public_valid_and_lists_exactly_the_routed_resources()
    {
        using var response = await Client.GetAsync(new Uri("/fhir/metadata", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var statement = await FhirValidation.AssertValidAsync<CapabilityStatement>(response);
        Assert.Equal(FHIRVersion.N4_0_1, statement.FhirVersion);
        Assert.Equal(
            [
                "Patient", "ServiceRequest", "Observation", "QuestionnaireResponse", "Condition", "MedicationStatement", "DetectedIssue",
                "Practitioner", "PractitionerRole", "Location", "Schedule", "Slot", "Appointment", "Encounter",
                "AdverseEvent", "Flag", "EpisodeOfCare",
            ],
            statement.Rest.Single().Resource.Select(r => r.Type));
        var patient = statement.Rest.Single().Resource.Single(r => r.Type == "Patient");
        Assert.Equal(["_id", "birthdate"], patient.SearchParam.Select(p => p.Name));
        var observation = statement.Rest.Single().Resource.Single(r => r.Type == "Observation");
        Assert.Equal(["patient", "subject", "code", "date"], observation.SearchParam.Select(p => p.Name));
    }

    [Fact]
    public void The_table_lists_exactly_the_search_parameters_each_owner_accepts()
    {
        string[] Listed(string type, string service) =>
            [.. FhirRoutes.Table.Single(r => r.Type == type && r.Service == service).SearchParameters.Select(p => p.Name)];

        Assert.Equal(Screening.Api.Fhir.FhirPatients.SearchParameters, Listed("Patient", FhirRoutes.Screening));
        Assert.Equal(Screening.Api.Fhir.FhirServiceRequests.SearchParameters, Listed("ServiceRequest", FhirRoutes.Screening));
        Assert.Equal(Screening.Api.Fhir.FhirObservations.SearchParameters, Listed("Observation", FhirRoutes.Screening));
        Assert.Equal(Screening.Api.Fhir.FhirQuestionnaireResponses.SearchParameters, Listed("QuestionnaireResponse", FhirRoutes.Screening));
        Assert.Equal(Screening.Api.Fhir.FhirConditions.SearchParameters, Listed("Condition", FhirRoutes.Screening));
        Assert.Equal(Screening.Api.Fhir.FhirMedicationStatements.SearchParameters, Listed("MedicationStatement", FhirRoutes.Screening));
        Assert.Equal(Screening.Api.Fhir.FhirDetectedIssues.SearchParameters, Listed("DetectedIssue", FhirRoutes.Screening));
        Assert.Equal(Screening.Api.Fhir.FhirObservations.IdPrefix, FhirRoutes.Table.Single(r => r.Type == "Observation" && r.Service == FhirRoutes.Screening).IdPrefix);
        Assert.Equal(Scheduling.Api.Fhir.FhirPractitioners.SearchParameters, Listed("Practitioner", FhirRoutes.Scheduling));
        Assert.Equal(Scheduling.Api.Fhir.FhirPractitionerRoles.SearchParameters, Listed("PractitionerRole", FhirRoutes.Scheduling));
        Assert.Equal(Scheduling.Api.Fhir.FhirLocations.SearchParameters, Listed("Location", FhirRoutes.Scheduling));
        Assert.Equal(Scheduling.Api.Fhir.FhirSchedules.SearchParameters, Listed("Schedule", FhirRoutes.Scheduling));
        Assert.Equal(Scheduling.Api.Fhir.FhirSlots.SearchParameters, Listed("Slot", FhirRoutes.Scheduling));
        Assert.Equal(Scheduling.Api.Fhir.FhirAppointments.SearchParameters, Listed("Appointment", FhirRoutes.Scheduling));
        Assert.Equal(Scheduling.Api.Fhir.FhirEncounters.SearchParameters, Listed("Encounter", FhirRoutes.Scheduling));
        Assert.Equal(Integration.Api.Fhir.FhirObservations.SearchParameters, Listed("Observation", FhirRoutes.Integration));
        Assert.Equal(Integration.Api.Fhir.FhirAdverseEvents.SearchParameters, Listed("AdverseEvent", FhirRoutes.Integration));
        Assert.Equal(Integration.Api.Fhir.FhirFlags.SearchParameters, Listed("Flag", FhirRoutes.Integration));
        Assert.Equal(Integration.Api.Fhir.FhirEpisodesOfCare.SearchParameters, Listed("EpisodeOfCare", FhirRoutes.Integration));
        Assert.Equal(Integration.Api.Fhir.FhirObservations.IdPrefix, FhirRoutes.Table.Single(r => r.Type == "Observation" && r.Service == FhirRoutes.Integration).IdPrefix);

        // The CapabilityStatement states a shared type once and a search is forwarded unchanged: its owners must agree.
        foreach (var owners in FhirRoutes.Table.GroupBy(r => r.Type).Where(g => g.Count() > 1))
        {
            Assert.All(owners, o => Assert.Equal(owners.First().SearchParameters, o.SearchParameters));
            Assert.All(owners, o => Assert.Equal(owners.First().Interactions, o.Interactions));
        }

        var prefixes = FhirRoutes.Table.Where(r => r.IdPrefix is not null).GroupBy(r => r.Type);
        Assert.All(prefixes, owners => Assert.Equal(owners.Count(), owners.Select(o => o.IdPrefix).Distinct().Count()));
    }

    [Fact]
    public async Task A_patient_read_reaches_screening_with_the_callers_token()
    {
        using var anonymous = await Client.GetAsync(new Uri($"/fhir/Patient/{Guid.NewGuid()}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode); // Screening's answer: the gateway does not authenticate
        await FhirValidation.AssertValidAsync<OperationOutcome>(anonymous);

        using var unknown = await SendAsync($"/fhir/Patient/{Guid.NewGuid()}", screening.Host.ClientFor(Roles.Intake, "intake-gw"));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var outcome = await FhirValidation.AssertValidAsync<OperationOutcome>(unknown);
        Assert.Contains("was not found", outcome.Issue.Single().Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scheduling_resources_reach_scheduling_with_the_callers_token()
    {
        using var scheduler = scheduling.Host.ClientFor(Roles.Scheduler, "scheduler-gw");
        using var unknown = await SendAsync($"/fhir/Practitioner/{Guid.NewGuid()}", scheduler);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("was not found", (await FhirValidation.AssertValidAsync<OperationOutcome>(unknown)).Issue.Single().Diagnostics, StringComparison.Ordinal);

        using var search = await SendAsync("/fhir/Location?_count=1", scheduler);
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.StartsWith("http://localhost/fhir/Location", (await FhirValidation.AssertValidAsync<Bundle>(search)).Link.Single(l => l.Relation == "self").Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Observation_reads_route_by_id_prefix_and_searches_reach_integration_through_the_fan_out()
    {
        var courseId = Guid.NewGuid();
        var approvedAt = DateTimeOffset.UtcNow.AddDays(-10);
        var approval = ContractBuilders.Approval(courseId, approvedAt);
        await integration.Bus.PublishAsync(approval, Guid.NewGuid());
        using var therapist = integration.Host.ClientFor(Roles.Therapist, "therapist-gw");
        await Eventually.Async(async () => (await therapist.GetAsync(new Uri($"/courses/{courseId}", UriKind.Relative))).IsSuccessStatusCode ? "open" : null, what: "the course to open");
        using var recorded = await therapist.PostAsync(
            new Uri($"/courses/{courseId}/outcomes", UriKind.Relative),
            new StringContent("""{ "instrument": "PHQ-9", "items": [1, 1, 1, 1, 1, 1, 1, 1, 1] }""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);

        using var search = await SendAsync($"/fhir/Observation?patient=Patient/{approval.PatientId}", therapist);
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        var bundle = await FhirValidation.AssertValidAsync<Bundle>(search);
        var entry = Assert.Single(bundle.Entry, e => e.Search!.Mode == Bundle.SearchEntryMode.Match);
        Assert.Equal(1, bundle.Total);
        // Screening grants its scores to intake and prescribers, not therapists: its share is left out, and the Bundle says so.
        var leftOut = Assert.IsType<OperationOutcome>(Assert.Single(bundle.Entry, e => e.Search!.Mode == Bundle.SearchEntryMode.Outcome).Resource);
        Assert.Contains("screening", leftOut.Issue.Single().Diagnostics!, StringComparison.Ordinal);
        Assert.StartsWith("http://localhost/fhir/Observation/int-", entry.FullUrl, StringComparison.Ordinal); // links name the gateway

        using var read = await SendAsync($"/fhir/Observation/{entry.Resource!.Id}", therapist);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(9, Assert.IsType<Integer>((await FhirValidation.AssertValidAsync<Observation>(read)).Value).Value);

        using var unowned = await SendAsync($"/fhir/Observation/xyz-{Guid.NewGuid()}", therapist);
        Assert.Equal(HttpStatusCode.NotFound, unowned.StatusCode); // no owner has the prefix: the gateway's own 404
        await FhirValidation.AssertValidAsync<OperationOutcome>(unowned);

        using var analyst = await SendAsync($"/fhir/Observation?patient=Patient/{approval.PatientId}", integration.Host.ClientFor(Roles.Analyst, "analyst-gw"));
        Assert.Equal(HttpStatusCode.Forbidden, analyst.StatusCode); // an owner's refusal is the answer
        await FhirValidation.AssertValidAsync<OperationOutcome>(analyst);

        using var anonymous = await Client.GetAsync(new Uri($"/fhir/Observation?patient=Patient/{approval.PatientId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.NotEmpty(anonymous.Headers.WwwAuthenticate);
        await FhirValidation.AssertValidAsync<OperationOutcome>(anonymous);
    }

    [Fact]
    public async Task Patient_everything_gathers_the_record_from_every_service_and_says_what_a_role_may_not_see()
    {
        using var intake = screening.Host.ClientFor(Roles.Intake, "intake-gw");
        var referral = await ScreeningApi.ReferAsync(intake);
        await ScreeningApi.RecordSafeIntakeAsync(intake, referral.Id);
        var courseId = Guid.NewGuid();
        await integration.Bus.PublishAsync(ContractBuilders.Approval(courseId, DateTimeOffset.UtcNow.AddDays(-3), patientId: referral.PatientId), Guid.NewGuid());
        using var therapist = integration.Host.ClientFor(Roles.Therapist, "therapist-gw");
        await Eventually.Async(async () => (await therapist.GetAsync(new Uri($"/courses/{courseId}", UriKind.Relative))).IsSuccessStatusCode ? "open" : null, what: "the course to open");
        using var recorded = await therapist.PostAsync(
            new Uri($"/courses/{courseId}/outcomes", UriKind.Relative),
            new StringContent("""{ "instrument": "PHQ-9", "items": [1, 1, 1, 1, 1, 1, 1, 1, 1] }""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);

        // A prescriber reads every share: the referral, the intake's record and the course's.
        using var everything = await SendAsync($"/fhir/Patient/{referral.PatientId}/$everything", screening.Host.ClientFor(Roles.Prescriber, "prescriber-gw"));
        Assert.Equal(HttpStatusCode.OK, everything.StatusCode);
        var bundle = await FhirValidation.AssertValidAsync<Bundle>(everything);
        Assert.Equal(referral.PatientId.ToString(), Assert.IsType<Patient>(bundle.Entry[0].Resource).Id);
        var types = bundle.Entry.Select(e => e.Resource!.TypeName).ToHashSet();
        Assert.Superset(new HashSet<string> { "Patient", "ServiceRequest", "Observation", "QuestionnaireResponse", "DetectedIssue", "EpisodeOfCare" }, types);
        Assert.Contains(bundle.Entry, e => e.Resource!.Id!.StartsWith("int-", StringComparison.Ordinal));
        Assert.Contains(bundle.Entry, e => e.Resource!.Id!.StartsWith("scr-", StringComparison.Ordinal));
        Assert.Equal(bundle.Entry.Count, bundle.Total);
        Assert.DoesNotContain(bundle.Entry, e => e.Search!.Mode == Bundle.SearchEntryMode.Outcome);

        // Intake may not read the course: its record comes without Integration's share, and the Bundle says so.
        using var partial = await SendAsync($"/fhir/Patient/{referral.PatientId}/$everything", intake);
        var some = await FhirValidation.AssertValidAsync<Bundle>(partial);
        Assert.DoesNotContain(some.Entry, e => e.Resource is EpisodeOfCare);
        var warning = Assert.IsType<OperationOutcome>(Assert.Single(some.Entry, e => e.Search!.Mode == Bundle.SearchEntryMode.Outcome).Resource);
        Assert.Contains(warning.Issue, i => i.Diagnostics!.Contains("integration service's EpisodeOfCare", StringComparison.Ordinal));

        using var unknown = await SendAsync($"/fhir/Patient/{Guid.NewGuid()}/$everything", intake);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var analyst = await SendAsync($"/fhir/Patient/{referral.PatientId}/$everything", screening.Host.ClientFor(Roles.Analyst, "analyst-gw"));
        Assert.Equal(HttpStatusCode.Forbidden, analyst.StatusCode);
        using var parameters = await SendAsync($"/fhir/Patient/{referral.PatientId}/$everything?_since=2020", intake);
        Assert.Equal(HttpStatusCode.BadRequest, parameters.StatusCode);
    }

    [Fact]
    public async Task Include_brings_the_referenced_patient_from_another_service_into_the_bundle()
    {
        using var intake = screening.Host.ClientFor(Roles.Intake, "intake-gw");
        var referral = await ScreeningApi.ReferAsync(intake);
        var courseId = Guid.NewGuid();
        await integration.Bus.PublishAsync(ContractBuilders.Approval(courseId, DateTimeOffset.UtcNow.AddDays(-3), patientId: referral.PatientId), Guid.NewGuid());
        using var therapist = integration.Host.ClientFor(Roles.Therapist, "therapist-gw");
        await Eventually.Async(async () => (await therapist.GetAsync(new Uri($"/courses/{courseId}", UriKind.Relative))).IsSuccessStatusCode ? "open" : null, what: "the course to open");

        // EpisodeOfCare lives in Integration, its Patient in Screening: the gateway reads the patient with the caller's token.
        var prescriber = screening.Host.ClientFor(Roles.Prescriber, "prescriber-gw");
        using var search = await SendAsync($"/fhir/EpisodeOfCare?patient={referral.PatientId}&_include=EpisodeOfCare:patient", prescriber);
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        var bundle = await FhirValidation.AssertValidAsync<Bundle>(search);
        Assert.Equal(courseId.ToString(), Assert.Single(bundle.Entry, e => e.Search!.Mode == Bundle.SearchEntryMode.Match).Resource!.Id);
        var included = Assert.Single(bundle.Entry, e => e.Search!.Mode == Bundle.SearchEntryMode.Include);
        Assert.Equal(referral.PatientId.ToString(), Assert.IsType<Patient>(included.Resource).Id);
        Assert.Equal(1, bundle.Total); // includes are not matches
        Assert.Contains("_include=EpisodeOfCare", bundle.Link.Single(l => l.Relation == "self").Url, StringComparison.Ordinal);

        // A therapist reads the course but not the patient's identity (Screening's rule): the include is left out and said so.
        using var partial = await SendAsync($"/fhir/EpisodeOfCare?patient={referral.PatientId}&_include=EpisodeOfCare:patient:Patient", therapist);
        var some = await FhirValidation.AssertValidAsync<Bundle>(partial);
        Assert.DoesNotContain(some.Entry, e => e.Search!.Mode == Bundle.SearchEntryMode.Include);
        var warning = Assert.IsType<OperationOutcome>(Assert.Single(some.Entry, e => e.Search!.Mode == Bundle.SearchEntryMode.Outcome).Resource);
        Assert.Contains($"Patient/{referral.PatientId}", warning.Issue.Single().Diagnostics, StringComparison.Ordinal);

        using var unsupported = await SendAsync($"/fhir/EpisodeOfCare?patient={referral.PatientId}&_include=EpisodeOfCare:careManager", prescriber);
        Assert.Equal(HttpStatusCode.BadRequest, unsupported.StatusCode);
        Assert.Contains("EpisodeOfCare:patient", (await FhirValidation.AssertValidAsync<OperationOutcome>(unsupported)).Issue.Single().Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fanned_out_search_merges_two_owners_and_pages_each_with_one_composite_cursor()
    {
        FhirResourceRoute Owner(string service) => new("Observation", service, [], [], IdPrefix: service + "-");
        var asked = new List<string>();
        using var owners = new HttpMessageInvoker(new Answering(request =>
        {
            asked.Add(request.RequestUri!.Host + request.RequestUri.Query);
            Assert.Equal("Bearer token-of-the-caller", request.Headers.Authorization!.ToString());
            var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(request.RequestUri.Query);
            return (request.RequestUri.Host, query.TryGetValue("_cursor", out var c) ? c.ToString() : null) switch {
                ("alpha.test", null) => Page(total: 3, ["alpha-1", "alpha-2"], next: "A2"),
                ("alpha.test", "A2") => Page(total: 3, ["alpha-3"], next: null),
                ("beta.test", null) => Page(total: 1, ["beta-1"], next: null),
                var other => throw new InvalidOperationException($"unexpected request {other}"),
            };
        }));

        async Task<Bundle> SearchAsync(string query)
        {
            var http = new DefaultHttpContext();
            http.Request.Scheme = "https";
            http.Request.Host = new HostString("fhir.clinic.example");
            http.Request.Path = "/fhir/Observation";
            http.Request.QueryString = new QueryString(query);
            http.Request.Headers.Authorization = "Bearer token-of-the-caller";
            var result = await FhirFanOut.SearchAsync(http, "Observation", [Owner("alpha"), Owner("beta")], owners, s => $"http://{s}.test/");
            var bundle = Assert.IsType<Bundle>(Assert.IsType<FhirResult>(result).Resource);
            FhirValidation.AssertValid(FhirJson.Serialize(bundle));
            return bundle;
        }

        var first = await SearchAsync("?code=x&_count=2");
        Assert.Equal(4, first.Total);
        Assert.Equal(["alpha-1", "alpha-2", "beta-1"], first.Entry.Select(e => e.Resource!.Id));
        Assert.Equal("https://fhir.clinic.example/fhir/Observation/beta-1", first.Entry[2].FullUrl);
        var next = new Uri(first.Link.Single(l => l.Relation == "next").Url!);
        Assert.Contains("code=x", next.Query, StringComparison.Ordinal);

        var second = await SearchAsync(next.Query);
        Assert.Equal(4, second.Total); // beta is not asked again; its total travels in the cursor
        Assert.Equal(["alpha-3"], second.Entry.Select(e => e.Resource!.Id));
        Assert.DoesNotContain(second.Link, l => l.Relation == "next");
        Assert.Equal(3, asked.Count);
        Assert.Contains("alpha.test?code=x&_count=2&_cursor=A2", asked);
    }

    [Fact]
    public async Task A_fanned_out_search_with_an_owner_that_does_not_answer_is_a_502_naming_it()
    {
        using var owners = new HttpMessageInvoker(new Answering(request => request.RequestUri!.Host == "beta.test"
            ? throw new HttpRequestException("connection refused")
            : Page(total: 1, ["alpha-1"], next: null)));
        var http = new DefaultHttpContext();
        http.Request.Path = "/fhir/Observation";

        var result = await FhirFanOut.SearchAsync(
            http, "Observation", [new("Observation", "alpha", [], [], IdPrefix: "alpha-"), new("Observation", "beta", [], [], IdPrefix: "beta-")],
            owners, s => $"http://{s}.test/");

        Assert.Equal(StatusCodes.Status502BadGateway, Assert.IsAssignableFrom<IStatusCodeHttpResult>(result).StatusCode);
        var body = Assert.IsAssignableFrom<IContentTypeHttpResult>(result);
        Assert.Equal(FhirJson.MediaType, body.ContentType?.Split(';')[0]);
        var outcome = FhirJson.Parse<OperationOutcome>(Assert.IsType<Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult>(result).ResponseContent!);
        Assert.Contains("beta", outcome.Issue.Single().Diagnostics, StringComparison.Ordinal);
    }

    private static HttpResponseMessage Page(int total, string[] ids, string? next)
    {
        var bundle = new Bundle {
            Type = Bundle.BundleType.Searchset,
            Total = total,
            Entry = [.. ids.Select(id => new Bundle.EntryComponent {
                FullUrl = $"http://owner.test/fhir/Observation/{id}",
                Resource = new Observation {
                    Id = id, Status = ObservationStatus.Final, Code = new CodeableConcept { Text = "test" },
                },
            })],
        };
        if (next is not null)
        {
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = $"http://owner.test/fhir/Observation?_cursor={next}" });
        }

        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(FhirJson.Serialize(bundle), Encoding.UTF8, FhirJson.MediaType) };
    }

    private Task<HttpResponseMessage> SendAsync(string url, HttpClient withToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = withToken.DefaultRequestHeaders.Authorization;
        return Client.SendAsync(request);
    }


    /// <summary>Owners that answer from a function.</summary>
    private sealed class Answering(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer(request));
    }
}
