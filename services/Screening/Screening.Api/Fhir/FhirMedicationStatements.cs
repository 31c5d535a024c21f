using System.Globalization;
using Hl7.Fhir.Model;
using Platform.Fhir;
using Task = System.Threading.Tasks.Task;

namespace Screening.Api.Fhir;

/// <summary>
/// FHIR MedicationStatement: each medication the intake recorded the patient as taking, named as the clinician wrote it
/// (no RxNorm lookup: the intake records a name and a class), coded by the class the eligibility rules read, with the
/// daily dose as dosage text.
/// </summary>
public static class FhirMedicationStatements
{
    public static readonly string[] SearchParameters = ["patient", "subject"];

    public static IEndpointRouteBuilder MapFhirMedicationStatements(this IEndpointRouteBuilder fhir)
    {
        fhir.MapGet("/MedicationStatement/{statementId}", (string statementId, IQuerySession session, HttpContext http, CancellationToken ct) =>
                ScreeningFhir.ReadAsync("MedicationStatement", statementId, string.Empty, Of, session, http, ct))
            .AsQuery(ScreeningFhir.Tag, "FHIR read of a medication the intake recorded (id = {screeningId}-medication-{n})", ScreeningFhir.ClinicalRoles);
        fhir.MapGet("/MedicationStatement", (IQuerySession session, HttpContext http, CancellationToken ct) =>
                ScreeningFhir.SearchAsync(http, session, SearchParameters, Of, ScreeningFhir.All<MedicationStatement>, ct))
            .AsQuery(ScreeningFhir.Tag, "FHIR search of a patient's recorded medications: patient/subject (required), _count", ScreeningFhir.ClinicalRoles);
        return fhir;
    }

    internal static IEnumerable<MedicationStatement> Of(ScreeningCase screening) =>
        (screening.Medications ?? []).Select((medication, i) => new MedicationStatement {
            Id = ScreeningFhir.Id(string.Empty, screening.Id, $"medication-{i + 1}"),
            Status = MedicationStatement.MedicationStatusCodes.Active,
            Medication = new CodeableConcept {
                Coding = [new Coding(ScreeningFhir.MedicationClassSystem, medication.Class.ToString(), FhirText.Words(medication.Class.ToString()))],
                Text = medication.Name,
            },
            Subject = FhirElements.Patient(screening.PatientId),
            Dosage = medication.DailyDoseMg is { } mg
                ? [new Dosage { Text = $"{mg.ToString(CultureInfo.InvariantCulture)} mg a day" }]
                : [],
        });
}
