using System.Text.Json;
using Hl7.Fhir.Model;
using Platform.Fhir;
using Screening.Api.Fhir;
using static Platform.Testing.ScreeningApi;
using Task = System.Threading.Tasks.Task;

namespace Screening.IntegrationTests;

/// <summary>
/// The screening's clinical record over FHIR: instrument scores and vitals as Observations, the answers as
/// QuestionnaireResponses, the histories as Conditions, medications as MedicationStatements and the eligibility
/// decision as a DetectedIssue with its rule ids; every answer valid R4.
/// </summary>
public sealed class FhirClinicalTests(ScreeningApp fixture) : IClassFixture<ScreeningApp>
{
    /// <summary>A safe intake, then a controlled hypertension and one antidepressant recorded over it.</summary>
    private async Task<Referred> ScreenedAsync()
    {
        var referral = await ReferAsync(fixture.Intake);
        await RecordSafeIntakeAsync(fixture.Intake, referral.Id);
        await SendOkAsync(fixture.Intake, HttpMethod.Put, $"/screenings/{referral.Id}/medical-history", new {
            hypertension = true,
            hypertensionControlled = true,
            cardiovascularEvents = Array.Empty<object>(),
            aneurysmalVascularDisease = false,
            arteriovenousMalformation = false,
            intracerebralHaemorrhage = false,
            hepaticImpairment = "None",
            interstitialOrUlcerativeCystitis = false,
            pregnant = false,
            breastfeeding = false,
            ketamineHypersensitivity = false,
        });
        await SendOkAsync(fixture.Intake, HttpMethod.Put, $"/screenings/{referral.Id}/medications", new {
            medications = new[] { new { @class = "Antidepressant", name = "sertraline", dailyDoseMg = 100 } },
        });
        return referral;
    }

    private async Task<Bundle> SearchAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await FhirValidation.AssertValidAsync<Bundle>(response);
    }

    [Fact]
    public async Task Scores_and_vitals_are_coded_observations_derived_from_their_questionnaire_responses()
    {
        var referral = await ScreenedAsync();
        var patient = $"Patient/{referral.PatientId}";

        var all = await SearchAsync(fixture.Intake, $"/fhir/Observation?patient={patient}");
        Assert.Equal(5, all.Total); // C-SSRS and PHQ-9 scores, blood pressure, heart rate, body weight
        Assert.All(all.Entry, e => Assert.StartsWith(FhirObservations.IdPrefix, e.Resource!.Id, StringComparison.Ordinal));

        var phq9 = await SearchAsync(fixture.Prescriber, $"/fhir/Observation?subject={patient}&code={Uri.EscapeDataString("http://loinc.org|44261-6")}");
        var score = Assert.IsType<Observation>(Assert.Single(phq9.Entry).Resource);
        Assert.Equal(15, Assert.IsType<Integer>(score.Value).Value);
        using var read = await fixture.Intake.GetAsync($"/fhir/Observation/{score.Id}");
        Assert.Equal(score.Id, (await FhirValidation.AssertValidAsync<Observation>(read)).Id);

        using var answers = await fixture.Intake.GetAsync("/fhir/" + score.DerivedFrom.Single().Reference);
        var response = await FhirValidation.AssertValidAsync<QuestionnaireResponse>(answers);
        Assert.Equal([2, 2, 2, 2, 2, 2, 2, 1, 0], response.Item.Select(i => Assert.IsType<Integer>(i.Answer.Single().Value).Value));
        Assert.Equal(FhirInstruments.Questionnaire(Platform.Instruments.InstrumentCode.Phq9), response.Questionnaire);

        var pressure = await SearchAsync(fixture.Intake, $"/fhir/Observation?patient={patient}&code=85354-9&date=ge2000-01-01");
        var bp = Assert.IsType<Observation>(Assert.Single(pressure.Entry).Resource);
        Assert.Equal(["8480-6", "8462-4"], bp.Component.Select(c => c.Code.Coding.Single().Code));
        Assert.Equal("mm[Hg]", Assert.IsType<Quantity>(bp.Component[0].Value).Code);
        Assert.Equal(0, (await SearchAsync(fixture.Intake, $"/fhir/Observation?patient={patient}&date=lt2000-01-01")).Total);

        Assert.Equal(2, (await SearchAsync(fixture.Intake, $"/fhir/QuestionnaireResponse?patient={patient}&_count=1")).Total);
    }

    [Fact]
    public async Task Histories_medications_and_the_decision_with_its_rule_ids_read_as_fhir()
    {
        var referral = await ScreenedAsync();
        var patient = $"Patient/{referral.PatientId}";

        var conditions = await SearchAsync(fixture.Intake, $"/fhir/Condition?patient={patient}");
        var hypertension = Assert.IsType<Condition>(Assert.Single(conditions.Entry).Resource);
        Assert.Contains(hypertension.Code!.Coding, c => c.System == FhirConditions.Snomed && c.Code == "38341003");
        Assert.Equal(1, (await SearchAsync(fixture.Intake, $"/fhir/Condition?patient={patient}&code={Uri.EscapeDataString(FhirConditions.Snomed + "|38341003")}")).Total);
        Assert.Equal(0, (await SearchAsync(fixture.Intake, $"/fhir/Condition?patient={patient}&code=pregnancy")).Total);

        var medications = await SearchAsync(fixture.Intake, $"/fhir/MedicationStatement?subject={patient}");
        var sertraline = Assert.IsType<MedicationStatement>(Assert.Single(medications.Entry).Resource);
        Assert.Equal("sertraline", Assert.IsType<CodeableConcept>(sertraline.Medication).Text);
        Assert.Equal("100 mg a day", sertraline.Dosage.Single().Text);

        var eligibility = await GetAsync<JsonElement>(fixture.Intake, $"/screenings/{referral.Id}/eligibility");
        using var read = await fixture.Prescriber.GetAsync($"/fhir/DetectedIssue/{referral.Id}");
        var decision = await FhirValidation.AssertValidAsync<DetectedIssue>(read);
        Assert.Equal(eligibility.GetProperty("outcome").GetString(), decision.Code!.Coding.Single().Code);
        var fired = eligibility.GetProperty("firedRuleIds").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Equal(fired, decision.Evidence.Select(e => e.Code.Single().Coding.Single().Code));
        Assert.Contains(decision.Implicated, b => b.Reference == $"Condition/{hypertension.Id}");
        Assert.Contains(decision.Implicated, b => b.Reference == $"MedicationStatement/{sertraline.Id}");
        Assert.Equal(1, (await SearchAsync(fixture.Intake, $"/fhir/DetectedIssue?patient={patient}&identified=ge2000")).Total);
    }

    [Fact]
    public async Task An_ineligible_decision_names_each_rule_that_fired_as_evidence()
    {
        var referral = await ReferAsync(fixture.Intake);
        await RecordSafeIntakeAsync(fixture.Intake, referral.Id, psychiatricHistory: PsychiatricHistory(psychosisSelf: true));

        using var read = await fixture.Intake.GetAsync($"/fhir/DetectedIssue/{referral.Id}");
        var decision = await FhirValidation.AssertValidAsync<DetectedIssue>(read);
        Assert.Equal("Ineligible", decision.Code!.Coding.Single().Code);
        Assert.Equal(DetectedIssue.DetectedIssueSeverity.High, decision.Severity);
        var evidence = Assert.Single(decision.Evidence, e => e.Code.Single().Coding.Single().Code == RuleIds.PsychosisSelf);
        Assert.Equal(FhirOutcome.RuleSystem, evidence.Code.Single().Coding.Single().System);
        Assert.StartsWith("Ineligible: ", evidence.Code.Single().Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Observation")]
    [InlineData("QuestionnaireResponse")]
    [InlineData("Condition")]
    [InlineData("MedicationStatement")]
    [InlineData("DetectedIssue")]
    public async Task A_search_names_its_patient_and_other_roles_are_refused(string type)
    {
        using var unbounded = await fixture.Intake.GetAsync($"/fhir/{type}");
        Assert.Equal(HttpStatusCode.BadRequest, unbounded.StatusCode);
        Assert.Contains((await FhirValidation.AssertValidAsync<OperationOutcome>(unbounded)).Issue, i => i.Expression.Contains("patient"));

        using var therapist = await fixture.As(Roles.Therapist, "therapist-1").GetAsync($"/fhir/{type}?patient=Patient/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.Forbidden, therapist.StatusCode);

        using var unknown = await fixture.Intake.GetAsync($"/fhir/{type}/{Guid.NewGuid()}-x");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        await FhirValidation.AssertValidAsync<OperationOutcome>(unknown);
    }

    [Fact]
    public async Task A_read_of_a_derived_resource_writes_its_access_audit_row()
    {
        var referral = await ScreenedAsync();
        using var reader = fixture.As(Roles.Prescriber, "fhir-clinical-reader");
        using var read = await reader.GetAsync($"/fhir/DetectedIssue/{referral.Id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);

        using var audit = await fixture.As(Roles.PrivacyOfficer, "privacy-1").GetAsync($"/audit/access?recordId={referral.PatientId}&subject=fhir-clinical-reader");
        using var rows = JsonDocument.Parse(await audit.Content.ReadAsStringAsync());
        var row = Assert.Single(rows.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal("/fhir/DetectedIssue/{issueId}", row.GetProperty("route").GetString());
    }
}
