using System.Globalization;
using Hl7.Fhir.Model;
using Integration.Api.Fhir;
using Platform.Fhir;
using static Integration.IntegrationTests.IntegrationApp;
using Task = System.Threading.Tasks.Task;

namespace Integration.IntegrationTests;

/// <summary>
/// The FHIR API of Integration walked over a course: outcome measurements as Observations, the course as an
/// EpisodeOfCare, adverse events and safety holds; every answer valid R4, roles as the REST reads, reads audited.
/// </summary>
public sealed class FhirTests(IntegrationApp service) : IClassFixture<IntegrationApp>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<Bundle> SearchAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await FhirValidation.AssertValidAsync<Bundle>(response);
    }

    private async Task<Guid> MeasureAsync(Guid courseId, object outcome) =>
        (await (await PostAsync(service.Therapist, $"/courses/{courseId}/outcomes", outcome)).JsonAsync(HttpStatusCode.OK)).Id();

    [Fact]
    public async Task A_courses_measurements_are_observations_read_by_id_and_searched_by_patient_code_and_date()
    {
        var courseId = await service.OpenCourseAsync(Now.AddDays(-30));
        await service.DoseAsync(courseId, 1, Now.AddDays(-25));
        var early = await MeasureAsync(courseId, Phq9(18, Now.AddDays(-20)));
        await MeasureAsync(courseId, Phq9(8, Now.AddDays(-5)));
        await MeasureAsync(courseId, new { instrument = "GAD-7", items = new[] { 1, 1, 1, 1, 1, 1, 1 }, measuredAt = Now.AddDays(-5) });
        var course = (await service.LoadAsync(courseId))!;
        var patient = $"Patient/{course.PatientId}";

        using var read = await service.Therapist.GetAsync(new Uri($"/fhir/Observation/int-{early}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var observation = await FhirValidation.AssertValidAsync<Observation>(read);
        Assert.Equal($"W/\"{course.Version}\"", read.Headers.ETag!.ToString());
        Assert.Equal(course.Version.ToString(CultureInfo.InvariantCulture), observation.Meta!.VersionId);
        Assert.Equal(ObservationStatus.Final, observation.Status);
        Assert.Equal("survey", observation.Category.Single().Coding.Single().Code);
        Assert.Contains(observation.Code.Coding, c => c.System == FhirInstruments.Loinc && c.Code == "44261-6");
        Assert.Equal(18, Assert.IsType<Integer>(observation.Value).Value);
        Assert.Equal("moderately severe", observation.Interpretation.Single().Text);
        Assert.Equal(patient, observation.Subject!.Reference);

        Assert.Equal(3, (await SearchAsync(service.Therapist, $"/fhir/Observation?patient={patient}")).Total);
        Assert.Equal(3, (await SearchAsync(service.Therapist, $"/fhir/Observation?subject={patient}")).Total);
        var phq9 = await SearchAsync(service.Therapist, $"/fhir/Observation?patient={patient}&code={Uri.EscapeDataString("http://loinc.org|44261-6")}");
        Assert.Equal(2, phq9.Total);
        var gad7 = await SearchAsync(service.Therapist, $"/fhir/Observation?patient={patient}&code={Uri.EscapeDataString(FhirInstruments.InstrumentSystem + "|GAD-7")}");
        Assert.Contains(Assert.IsType<Observation>(gad7.Entry.Single().Resource).Code.Coding, c => c.System == FhirInstruments.Loinc && c.Code == "70274-6");

        var recent = await SearchAsync(service.Therapist, $"/fhir/Observation?patient={patient}&date=ge{Day(Now.AddDays(-10))}");
        Assert.Equal(2, recent.Total);
        Assert.DoesNotContain(recent.Entry, e => e.Resource!.Id == $"int-{early}");
        var older = await SearchAsync(service.Therapist, $"/fhir/Observation?patient={patient}&date=le{Day(Now.AddDays(-15))}");
        Assert.Equal($"int-{early}", older.Entry.Single().Resource!.Id);

        var first = await SearchAsync(service.Therapist, $"/fhir/Observation?patient={patient}&_count=2");
        Assert.Equal(2, first.Entry.Count);
        var next = new Uri(first.Link.Single(l => l.Relation == "next").Url!);
        var second = await SearchAsync(service.Therapist, next.PathAndQuery);
        Assert.Single(second.Entry);
        Assert.DoesNotContain(second.Link, l => l.Relation == "next");
    }

    [Fact]
    public async Task The_course_is_an_episode_of_care_searched_by_patient_status_and_date()
    {
        var courseId = await service.OpenCourseAsync(Now.AddDays(-30), route: TreatmentRoute.EsketamineNasalSpray);
        var course = (await service.LoadAsync(courseId))!;
        var patient = $"Patient/{course.PatientId}";

        using var read = await service.Medical.GetAsync(new Uri($"/fhir/EpisodeOfCare/{courseId}", UriKind.Relative));
        var episode = await FhirValidation.AssertValidAsync<EpisodeOfCare>(read);
        Assert.Equal(EpisodeOfCare.EpisodeOfCareStatus.Active, episode.Status);
        Assert.Equal(patient, episode.Patient!.Reference);
        Assert.Contains(episode.Type, t => t.Coding.Single().Code == "EsketamineNasalSpray");
        Assert.Null(episode.Period!.End);
        Assert.Equal($"W/\"{course.Version}\"", read.Headers.ETag!.ToString());

        Assert.Equal(1, (await SearchAsync(service.Medical, $"/fhir/EpisodeOfCare?patient={patient}&status=active")).Total);
        Assert.Equal(0, (await SearchAsync(service.Medical, $"/fhir/EpisodeOfCare?patient={patient}&status=finished")).Total);
        Assert.Equal(1, (await SearchAsync(service.Medical, $"/fhir/EpisodeOfCare?patient={patient}&date=ge{Day(Now)}")).Total); // still open
        Assert.Equal(0, (await SearchAsync(service.Medical, $"/fhir/EpisodeOfCare?patient={patient}&date=lt{Day(Now.AddDays(-31))}")).Total);
    }

    [Fact]
    public async Task Adverse_events_and_the_hold_they_place_are_adverse_events_and_a_flag()
    {
        var courseId = await service.OpenCourseAsync(Now.AddDays(-20));
        var dosingId = await service.DoseAsync(courseId, 1, Now.AddDays(-10));
        var mild = (await (await PostAsync(service.Medical, $"/courses/{courseId}/adverse-events", new {
            type = "NauseaVomiting",
            severity = "Mild",
            occurredAt = Now.AddDays(-10).AddMinutes(20),
            onsetMinutesAfterDose = 20,
            dosingSessionId = dosingId,
            actionTaken = "Ondansetron",
            outcome = "Resolved",
        })).JsonAsync(HttpStatusCode.OK)).Id();
        var serious = (await (await PostAsync(service.Medical, $"/courses/{courseId}/adverse-events", new {
            type = "RespiratoryDepression",
            severity = "Serious",
            occurredAt = Now.AddDays(-2),
            actionTaken = "Bag-mask ventilation",
            outcome = "Resolved",
        })).JsonAsync(HttpStatusCode.OK)).Id();
        var course = (await service.LoadAsync(courseId))!;
        var patient = $"Patient/{course.PatientId}";

        using var read = await service.Prescriber.GetAsync(new Uri($"/fhir/AdverseEvent/{serious}", UriKind.Relative));
        var adverse = await FhirValidation.AssertValidAsync<AdverseEvent>(read);
        Assert.Equal(AdverseEvent.AdverseEventActuality.Actual, adverse.Actuality);
        Assert.Equal("RespiratoryDepression", adverse.Event!.Coding.Single().Code);
        Assert.Equal("severe", adverse.Severity!.Coding.Single().Code);
        Assert.Equal("serious", adverse.Seriousness!.Coding.Single().Code);
        Assert.Equal(patient, adverse.Subject!.Reference);

        Assert.Equal(2, (await SearchAsync(service.Medical, $"/fhir/AdverseEvent?patient={patient}")).Total);
        var before = await SearchAsync(service.Medical, $"/fhir/AdverseEvent?subject={patient}&date=le{Day(Now.AddDays(-5))}");
        Assert.Equal(mild.ToString(), before.Entry.Single().Resource!.Id);
        var after = await SearchAsync(service.Medical, $"/fhir/AdverseEvent?patient={patient}&date=gt{Day(Now.AddDays(-5))}");
        Assert.Equal(serious.ToString(), after.Entry.Single().Resource!.Id);

        var active = await SearchAsync(service.Therapist, $"/fhir/Flag?patient={patient}&status=active");
        var flag = (Flag)active.Entry.Single().Resource!;
        Assert.Equal(Flag.FlagStatus.Active, flag.Status);
        Assert.Contains(flag.Code!.Coding, c => c.Code == nameof(SafetyHoldTrigger.AdverseEvent));
        Assert.Equal("clinical", flag.Category.Single().Coding.Single().Code);

        await (await PostAsync(service.Prescriber, $"/courses/{courseId}/holds/release",
            new { justification = "Airway event resolved; anaesthesia review done, dose reduced" })).JsonAsync(HttpStatusCode.OK);
        using var released = await service.As(Roles.System, "ehr-1").GetAsync(new Uri($"/fhir/Flag/{flag.Id}", UriKind.Relative));
        var inactive = await FhirValidation.AssertValidAsync<Flag>(released);
        Assert.Equal(Flag.FlagStatus.Inactive, inactive.Status);
        Assert.NotNull(inactive.Period!.End);
        Assert.Equal(0, (await SearchAsync(service.Therapist, $"/fhir/Flag?patient={patient}&status=active")).Total);
        Assert.Equal(1, (await SearchAsync(service.Therapist, $"/fhir/Flag?patient={patient}&status=inactive")).Total);
    }

    [Fact]
    public async Task Roles_are_those_of_the_rest_reads_and_refusals_are_operation_outcomes()
    {
        var courseId = await service.OpenCourseAsync(Now.AddDays(-10));
        var patient = $"Patient/{(await service.LoadAsync(courseId))!.PatientId}";

        foreach (var (client, url) in new[]
                 {
                     (service.Analyst, $"/fhir/Observation?patient={patient}"),
                     (service.Analyst, $"/fhir/EpisodeOfCare/{courseId}"),
                     (service.Therapist, $"/fhir/AdverseEvent?patient={patient}"), // the register is for medical staff and prescribers
                     (service.As(Roles.System, "ehr-1"), $"/fhir/EpisodeOfCare/{courseId}"),
                 })
        {
            using var refused = await client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            await FhirValidation.AssertValidAsync<OperationOutcome>(refused);
        }

        using var unknown = await service.Therapist.GetAsync(new Uri($"/fhir/Observation/int-{Guid.NewGuid()}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        await FhirValidation.AssertValidAsync<OperationOutcome>(unknown);

        using var unsupported = await service.Therapist.GetAsync(new Uri($"/fhir/Flag?code=x", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, unsupported.StatusCode);
        var outcome = await FhirValidation.AssertValidAsync<OperationOutcome>(unsupported);
        Assert.Contains(outcome.Issue, i => i.Expression.Contains("code"));
    }

    [Fact]
    public async Task A_fhir_read_writes_its_access_audit_row()
    {
        var courseId = await service.OpenCourseAsync(Now.AddDays(-10));
        var measurementId = await MeasureAsync(courseId, Phq9(12, Now.AddDays(-1)));
        using var reader = service.Host.ClientFor(Roles.Prescriber, "fhir-reader-int");
        using var read = await reader.GetAsync(new Uri($"/fhir/Observation/int-{measurementId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);

        using var officer = service.Host.ClientFor(Roles.PrivacyOfficer, "privacy-1");
        var row = await Eventually.Async(async () =>
        {
            var page = await officer.GetJsonAsync<JsonElement>($"/audit/access?recordId={courseId}&subject=fhir-reader-int");
            return page.GetProperty("items").EnumerateArray().Select(r => (JsonElement?)r).FirstOrDefault();
        }, what: "the audit row of the FHIR read");
        Assert.Equal("/fhir/Observation/{observationId}", row!.Value.GetProperty("route").GetString());
        Assert.Contains(row.Value.GetProperty("recordIds").EnumerateArray(), id => id.GetGuid() == measurementId);
    }
}
