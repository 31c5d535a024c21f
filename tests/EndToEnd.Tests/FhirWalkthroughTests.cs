using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Platform.Fhir;
using Platform.Gateway;
using Screening.Api.Fhir;
using Task = System.Threading.Tasks.Task;

namespace EndToEnd.Tests;

/// <summary>
/// The issue's promise, "every resource the API returns validates against base R4 with 0 errors", checked on a real
/// course: a referral in as a FHIR ServiceRequest, the course driven to completion over the REST APIs, and the
/// patient's whole record read back through the gateway (every search, every entry by id, $everything) with Firely.
/// </summary>
public sealed partial class FhirWalkthroughTests(Clinic clinic) : IClassFixture<Clinic>, IAsyncLifetime
{
    /// <summary>PHQ-9 after dosing sessions 2, 4 and 6, as FullCourseTests: from the baseline of 15 to remission.</summary>
    private static readonly Dictionary<int, int> Phq9AfterDose = new() { [2] = 11, [4] = 7, [6] = 4 };

    private WebApplication? gateway;
    private HttpClient? client;
    private int validated;

    /// <summary>The gateway in memory, as Gateway.Tests hosts it, its routes and fan-out pointed at the clinic's three hosts.</summary>
    public async ValueTask InitializeAsync()
    {
        var hosts = new Dictionary<string, HttpMessageHandler> {
            [FhirRoutes.Screening] = clinic.Screening.Server.CreateHandler(),
            [FhirRoutes.Scheduling] = clinic.Scheduling.Server.CreateHandler(),
            [FhirRoutes.Integration] = clinic.Integration.Server.CreateHandler(),
        };
        gateway = await InMemoryGateway.StartAsync(hosts);
        client = gateway.GetTestClient();
    }

    public async ValueTask DisposeAsync()
    {
        client?.Dispose();
        if (gateway is not null)
        {
            await gateway.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_course_walked_from_referral_to_completion_answers_only_valid_r4_through_the_gateway()
    {
        var ehr = TokenOf(clinic.Screening, Roles.System, "ehr");
        var prescriber = TokenOf(clinic.Screening, Roles.Prescriber, "prescriber-1");

        // 1. The EHR refers a new patient: a ServiceRequest with the Patient contained.
        using var posted = await SendAsync(HttpMethod.Post, "/fhir/ServiceRequest", ehr, ReferralJson("EHR-" + Guid.NewGuid().ToString("N")[..12]));
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var referral = await ValidAsync<ServiceRequest>(posted);
        var subject = referral.Subject!.Reference!;
        Assert.StartsWith("Patient/", subject, StringComparison.Ordinal);
        var patientId = subject["Patient/".Length..];
        var screeningId = Guid.Parse(referral.Id!); // the ServiceRequest is the screening

        // 2. The screening the ServiceRequest opened is completed and approved over REST; the course opens downstream.
        var course = await CourseScript.ApprovedAsync(clinic, screeningId);
        Assert.Equal(RequestStatus.Completed, (await ReadAsync<ServiceRequest>($"/fhir/ServiceRequest/{referral.Id}", ehr)).Status);

        // 3. The course as FullCourseTests drives it, with the record read back once mid-way.
        await course.StaffAndMatchTherapistAsync();
        await course.HoldPreparationAsync();
        await course.BookDosingSeriesAsync();
        for (var number = 1; number <= 6; number++)
        {
            await course.RunDosingSessionAsync(number);
            await course.AwaitDoseInIntegrationAsync(number);
            await course.HoldIntegrationSessionAsync(number);
            if (Phq9AfterDose.TryGetValue(number, out var phq9))
            {
                await course.RecordPhq9Async(phq9);
            }

            if (number == 1)
            {
                var midway = await ReadRecordAsync(patientId, course, prescriber);
                Assert.Equal(EpisodeOfCare.EpisodeOfCareStatus.Active, midway.Of<EpisodeOfCare>().Single().Status);
                Assert.Equal(Encounter.EncounterStatus.Finished, midway.Of<Encounter>().Single().Status);
                Assert.DoesNotContain(midway.Of<Observation>(), o => o.Id!.StartsWith("int-", StringComparison.Ordinal));
            }
        }

        await CourseScript.OkAsync(await course.Prescriber.PostAsJsonAsync($"/courses/{course.CourseId}/evaluation",
            new { recommendation = "Discharge", rationale = "Remission after the six-infusion induction series" }));
        await Eventually.Async(async () => (await course.SchedulingCourseAsync()).Status == CourseStatus.Closed ? "closed" : null,
            what: "CourseCompleted to close the course in Scheduling");

        // 4. The whole record at the end, every answer validated.
        var record = await ReadRecordAsync(patientId, course, prescriber); // the same resources as $everything's
        Assert.Superset(
            new HashSet<string> { "Patient", "ServiceRequest", "Observation", "QuestionnaireResponse", "DetectedIssue", "Appointment", "Encounter", "EpisodeOfCare" },
            record.Resources.Select(r => r.TypeName).ToHashSet());
        Assert.Equal(EpisodeOfCare.EpisodeOfCareStatus.Finished, record.Of<EpisodeOfCare>().Single().Status);
        Assert.Equal(6, record.Of<Encounter>().Count(e => e.Status == Encounter.EncounterStatus.Finished));
        Assert.Equal(8, record.Of<Appointment>().Count(a => a.Status == Appointment.AppointmentStatus.Fulfilled));
        var outcomes = record.Of<Observation>().Where(o => o.Id!.StartsWith("int-", StringComparison.Ordinal)).ToList();
        Assert.Equal(Phq9AfterDose.Values, outcomes.Select(o => Assert.IsType<Integer>(o.Value).Value!.Value));
        Assert.All(outcomes, o => Assert.Contains(o.Code.Coding, c => c.System == "http://loinc.org" && c.Code == "44261-6"));
        var baseline = Assert.Single(record.Of<Observation>(), o => o.Id == $"scr-{referral.Id}-phq9");
        Assert.Equal(CourseScript.Phq9Baseline, Assert.IsType<Integer>(baseline.Value).Value);

        // 5. Not vacuous: the two readings and the walk validate some 95 answers (metadata, Bundles, reads, $everything).
        Assert.True(validated >= 60, $"only {validated} FHIR answers were validated");
    }

    [Fact]
    public void Every_fhir_resource_example_in_the_fhir_doc_validates()
    {
        var doc = File.ReadAllText(Path.Combine(FindRoot(), "docs", "fhir.md"));
        // The examples: ```json blocks, and the JSON bodies the shell walkthroughs write with a JSON here-document (<<JSON or <<'JSON').
        var examples = JsonBlock().Matches(doc).Concat(JsonHereDocument().Matches(doc))
            .Select(match => match.Groups[1].Value)
            .Where(IsResource)
            .ToList();

        Assert.NotEmpty(examples);
        Assert.All(examples, FhirValidation.AssertValid);
    }

    /// <summary>What one reading of the patient's record through the gateway found: every resource, as read by id.</summary>
    private sealed record Record(IReadOnlyList<Resource> Resources)
    {
        public IEnumerable<T> Of<T>()
            where T : Resource => Resources.OfType<T>();
    }

    /// <summary>
    /// The patient's record through the gateway: every type the CapabilityStatement searches by <c>patient</c>, each
    /// entry read back by id; the staff and rooms the sessions name; a therapist's Schedule and free Slots; and
    /// $everything, which must hold exactly what the searches found.
    /// </summary>
    private async Task<Record> ReadRecordAsync(string patientId, CourseScript course, AuthenticationHeaderValue prescriber)
    {
        var statement = await ReadAsync<CapabilityStatement>("/fhir/metadata", token: null); // public, as FHIR requires
        var byPatient = statement.Rest.Single().Resource.Where(r => r.SearchParam.Any(p => p.Name == "patient")).Select(r => r.Type!).ToList();
        Assert.Superset(
            new HashSet<string> { "ServiceRequest", "Observation", "QuestionnaireResponse", "DetectedIssue", "Appointment", "Encounter", "EpisodeOfCare" },
            byPatient.ToHashSet());

        // A prescriber reads every share of the record (docs/fhir.md, Roles), so nothing may be left out with a warning.
        var resources = new List<Resource> { await ReadAsync<Patient>($"/fhir/Patient/{patientId}", prescriber) };
        foreach (var type in byPatient)
        {
            foreach (var found in await SearchAsync($"/fhir/{type}?patient=Patient/{patientId}", prescriber))
            {
                var read = await ReadAsync<Resource>($"/fhir/{type}/{found.Id}", prescriber);
                Assert.Equal((type, found.Id), (read.TypeName, read.Id));
                resources.Add(read);
            }
        }

        // The staff and rooms the Appointments and Encounters name, and the therapist's availability.
        var named = resources.OfType<Appointment>().SelectMany(a => a.Participant).Select(p => p.Actor?.Reference)
            .Concat(resources.OfType<Encounter>().SelectMany(e => e.Participant).Select(p => p.Individual?.Reference))
            .Concat(resources.OfType<Encounter>().SelectMany(e => e.Location).Select(l => l.Location?.Reference))
            .OfType<string>().Where(r => !r.StartsWith("Patient/", StringComparison.Ordinal)).ToHashSet();
        Assert.Superset(new HashSet<string> { $"Practitioner/{course.TherapistId}", $"Practitioner/{course.MedicalId}", $"Location/{course.RoomId}" }, named);
        foreach (var reference in named)
        {
            await ReadAsync<Resource>($"/fhir/{reference}", prescriber);
            if (reference.StartsWith("Practitioner/", StringComparison.Ordinal))
            {
                await ReadAsync<PractitionerRole>($"/fhir/PractitionerRole/{reference["Practitioner/".Length..]}", prescriber);
                Assert.Single(await SearchAsync($"/fhir/PractitionerRole?practitioner={reference}", prescriber));
            }
        }

        await ReadAsync<Schedule>($"/fhir/Schedule/{course.TherapistId}", prescriber);
        Assert.Single(await SearchAsync($"/fhir/Schedule?actor=Practitioner/{course.TherapistId}", prescriber));
        // Free time is the scheduler's (and clinic systems') to search, not a prescriber's.
        var scheduler = TokenOf(clinic.Scheduling, Roles.Scheduler, "scheduler-1");
        Assert.NotEmpty(await SearchAsync($"/fhir/Slot?schedule=Schedule/{course.TherapistId}&_count=10", scheduler, allPages: false));

        var everything = await ReadAsync<Bundle>($"/fhir/Patient/{patientId}/$everything", prescriber);
        Assert.DoesNotContain(everything.Entry, e => e.Search?.Mode == Bundle.SearchEntryMode.Outcome);
        Assert.Equal(
            resources.Select(r => $"{r.TypeName}/{r.Id}").Order(),
            everything.Entry.Select(e => $"{e.Resource!.TypeName}/{e.Resource.Id}").Order());
        return new Record(resources);
    }

    /// <summary>Every page of a search (or the first), each Bundle validated; the resources of its matches.</summary>
    private async Task<List<Resource>> SearchAsync(string url, AuthenticationHeaderValue token, bool allPages = true)
    {
        var found = new List<Resource>();
        for (string? page = url; page is not null;)
        {
            var bundle = await ReadAsync<Bundle>(page, token);
            Assert.DoesNotContain(bundle.Entry, e => e.Search?.Mode == Bundle.SearchEntryMode.Outcome);
            found.AddRange(bundle.Entry.Select(e => e.Resource!));
            page = allPages && bundle.Link.SingleOrDefault(l => l.Relation == "next")?.Url is { } next ? new Uri(next).PathAndQuery : null;
        }

        return found;
    }

    /// <summary>A GET through the gateway that must answer 200 with a resource of type <typeparamref name="T"/> valid against base R4.</summary>
    private async Task<T> ReadAsync<T>(string url, AuthenticationHeaderValue? token)
        where T : Resource
    {
        using var response = await SendAsync(HttpMethod.Get, url, token);
        await ScreeningApi.ExpectAsync(response, HttpStatusCode.OK);
        return await ValidAsync<T>(response);
    }

    /// <summary>
    /// As <see cref="FhirValidation.AssertValidAsync{T}"/>, which wants the exact type, but for a base type too (a read
    /// of whichever type the entry is), and counted.
    /// </summary>
    private async Task<T> ValidAsync<T>(HttpResponseMessage response)
        where T : Resource
    {
        Assert.Equal(FhirJson.MediaType, response.Content.Headers.ContentType?.MediaType);
        var json = await response.Content.ReadAsStringAsync();
        FhirValidation.AssertValid(json);
        validated++;
        return Assert.IsAssignableFrom<T>(FhirJson.Parse<Resource>(json));
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, AuthenticationHeaderValue? token, string? body = null)
    {
        var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative));
        request.Headers.Authorization = token;
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, FhirJson.MediaType);
        }

        return client!.SendAsync(request);
    }

    /// <summary>The bearer token of a host's client: all three hosts share the signing key and the clinic.</summary>
    private static AuthenticationHeaderValue TokenOf<T>(ServiceHost<T> host, string role, string subject)
        where T : class
    {
        using var withToken = host.ClientFor(role, subject);
        return withToken.DefaultRequestHeaders.Authorization!;
    }

    private static string ReferralJson(string value) => $$"""
        {
          "resourceType": "ServiceRequest",
          "contained": [{
            "resourceType": "Patient", "id": "p",
            "name": [{ "text": "Alex Example" }],
            "birthDate": "1985-06-01",
            "telecom": [{ "system": "email", "value": "alex@example.org" }]
          }],
          "identifier": [{ "system": "https://ehr.northside.example/referrals", "value": "{{value}}" }],
          "status": "active",
          "intent": "order",
          "code": { "coding": [{ "system": "{{FhirServiceRequests.RouteSystem}}", "code": "IvKetamine" }] },
          "reasonCode": [{ "coding": [{ "system": "{{FhirServiceRequests.IndicationSystem}}", "code": "TreatmentResistantDepression" }] }],
          "subject": { "reference": "{{FhirServiceRequests.ContainedPatient}}" },
          "requester": { "display": "Dr Rivera, Northside Psychiatry" }
        }
        """;

    private static bool IsResource(string json)
    {
        try
        {
            return JsonNode.Parse(json) is JsonObject root && root.ContainsKey("resourceType");
        }
        catch (JsonException) when (!json.Contains("\"resourceType\"", StringComparison.Ordinal))
        {
            return false; // not JSON and not meant as a resource (a fragment); a broken resource fails in the parse
        }
    }

    [GeneratedRegex("^```json\\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex JsonBlock();

    [GeneratedRegex("<<'?JSON'?\\n(.*?)^JSON$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex JsonHereDocument();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Platform.sln not found above the test binaries");
    }

}
