using Hl7.Fhir.Model;
using Platform.Fhir;
using Task = System.Threading.Tasks.Task;

namespace Screening.Api.Fhir;

/// <summary>
/// FHIR DetectedIssue: the screening's latest eligibility decision, explained. Its code is the overall outcome, its
/// severity follows from it (ineligible high, needs review or conditions moderate, eligible low), and each rule that
/// did not find the patient eligible is one evidence entry coded with its rule id (the system OperationOutcomes use)
/// and its explanation as text, as the REST API's eligibility view lists them. The implicated resources are the
/// screening's observations, conditions and medications the rules read; the detail names the protocol version.
/// </summary>
public static class FhirDetectedIssues
{
    public static readonly string[] SearchParameters = ["patient", "identified", "code"];

    public static IEndpointRouteBuilder MapFhirDetectedIssues(this IEndpointRouteBuilder fhir)
    {
        fhir.MapGet("/DetectedIssue/{issueId}", (string issueId, IQuerySession session, HttpContext http, CancellationToken ct) =>
                ScreeningFhir.ReadAsync("DetectedIssue", issueId, string.Empty, Of, session, http, ct))
            .AsQuery(ScreeningFhir.Tag, "FHIR read of a screening's eligibility decision with its rule ids (id = the screening id)", ScreeningFhir.ClinicalRoles);
        fhir.MapGet("/DetectedIssue", (IQuerySession session, HttpContext http, CancellationToken ct) =>
                ScreeningFhir.SearchAsync(http, session, SearchParameters, Of, Filter, ct))
            .AsQuery(ScreeningFhir.Tag, "FHIR search of a patient's eligibility decisions: patient (required), identified (eq/ge/gt/le/lt), code (the outcome), _count", ScreeningFhir.ClinicalRoles);
        return fhir;
    }

    private static Func<DetectedIssue, bool> Filter(FhirSearch search, FieldErrors errors)
    {
        var identified = search.Date("identified", errors);
        var code = search.Token("code", errors);
        return d => (identified is null || (d.Identified is FhirDateTime at && identified.Matches(at.ToDateTimeOffset(TimeSpan.Zero))))
            && (code is null || code.Matches(d.Code));
    }

    internal static IEnumerable<DetectedIssue> Of(ScreeningCase screening)
    {
        if (screening.LastEvaluation is not { } evaluation)
        {
            yield break;
        }

        var fired = evaluation.Reasons.Where(r => r.Outcome != EligibilityOutcome.Eligible).ToList();
        yield return new DetectedIssue {
            Id = ScreeningFhir.Id(string.Empty, screening.Id),
            Status = ObservationStatus.Final,
            Code = new CodeableConcept(ScreeningFhir.EligibilityOutcomeSystem, evaluation.Outcome.ToString(), FhirText.Words(evaluation.Outcome.ToString())) {
                Text = "Eligibility for ketamine treatment: " + FhirText.Words(evaluation.Outcome.ToString()).ToLowerInvariant(),
            },
            Severity = evaluation.Outcome switch {
                EligibilityOutcome.Ineligible => DetectedIssue.DetectedIssueSeverity.High,
                EligibilityOutcome.Eligible => DetectedIssue.DetectedIssueSeverity.Low,
                _ => DetectedIssue.DetectedIssueSeverity.Moderate,
            },
            Patient = FhirElements.Patient(screening.PatientId),
            Identified = new FhirDateTime(evaluation.EvaluatedAt),
            Implicated = [
                .. FhirObservations.Of(screening).Select(o => new ResourceReference("Observation/" + o.Id)),
                .. FhirConditions.Of(screening).Select(c => new ResourceReference("Condition/" + c.Id)),
                .. FhirMedicationStatements.Of(screening).Select(m => new ResourceReference("MedicationStatement/" + m.Id)),
            ],
            Evidence = [.. fired.Select(reason => new DetectedIssue.EvidenceComponent {
                Code = [new CodeableConcept(FhirOutcome.RuleSystem, reason.RuleId) { Text = $"{FhirText.Words(reason.Outcome.ToString())}: {reason.Explanation}" }],
            })],
            Detail = $"Protocol {evaluation.ProtocolVersion}: {evaluation.Reasons.Count} rules evaluated, {fired.Count} did not find the patient eligible.",
        };
    }
}
