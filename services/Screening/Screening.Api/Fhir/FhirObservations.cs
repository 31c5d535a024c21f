using Hl7.Fhir.Model;
using Platform.Fhir;
using Platform.Instruments;
using Task = System.Threading.Tasks.Task;

namespace Screening.Api.Fhir;

/// <summary>
/// FHIR Observation: the screening's instrument scores (the latest administration of each, derived from its
/// QuestionnaireResponse) and its vital signs (blood pressure, heart rate, body weight). Observation is owned by more
/// than one service, so the id carries this service's prefix (<see cref="IdPrefix"/>) and the gateway routes reads by
/// it; a search is answered by every owner and merged by the gateway, so the search parameters are Integration's too.
/// </summary>
public static class FhirObservations
{
    public static readonly string[] SearchParameters = ["patient", "subject", "code", "date"];

    /// <summary>Screening's Observation ids are <c>scr-{screeningId}-{instrument or vital}</c>; the gateway's routing table names the same prefix.</summary>
    public const string IdPrefix = "scr-";

    public static IEndpointRouteBuilder MapFhirObservations(this IEndpointRouteBuilder fhir)
    {
        fhir.MapGet("/Observation/{observationId}", (string observationId, IQuerySession session, HttpContext http, CancellationToken ct) =>
                ScreeningFhir.ReadAsync("Observation", observationId, IdPrefix, Of, session, http, ct))
            .AsQuery(ScreeningFhir.Tag, "FHIR read of a screening's instrument score or vital sign (id = scr-{screeningId}-{code})", ScreeningFhir.ClinicalRoles);
        fhir.MapGet("/Observation", (IQuerySession session, HttpContext http, CancellationToken ct) =>
                ScreeningFhir.SearchAsync(http, session, SearchParameters, Of, Filter, ct))
            .AsQuery(ScreeningFhir.Tag, "FHIR search of a patient's screening scores and vital signs: patient/subject (required), code (system|code), date (eq/ge/gt/le/lt), _count", ScreeningFhir.ClinicalRoles);
        return fhir;
    }

    private static Func<Observation, bool> Filter(FhirSearch search, FieldErrors errors)
    {
        var code = search.Token("code", errors);
        var date = search.Date("date", errors);
        return o => (code is null || code.Matches(o.Code)) && (date is null || (o.Effective is FhirDateTime at && date.Matches(at.ToDateTimeOffset(TimeSpan.Zero))));
    }

    /// <summary>The screening's observations: one score per instrument, then its vital signs.</summary>
    internal static IEnumerable<Observation> Of(ScreeningCase screening)
    {
        var patient = FhirElements.Patient(screening.PatientId);
        foreach (var administered in screening.Instruments.OrderBy(i => i.AdministeredAt))
        {
            var score = FhirInstruments.Score(
                ScoreId(screening.Id, administered.Instrument), administered.Instrument, patient, administered.AdministeredAt, administered.Total, administered.Band);
            score.DerivedFrom = [new ResourceReference("QuestionnaireResponse/" + FhirQuestionnaireResponses.IdOf(screening.Id, administered.Instrument))];
            yield return score;
        }

        if (screening.Vitals is { } vitals)
        {
            yield return FhirVitals.BloodPressure(ScreeningFhir.Id(IdPrefix, screening.Id, "bp"), patient, vitals.TakenAt, vitals.Systolic, vitals.Diastolic);
            yield return FhirVitals.HeartRate(ScreeningFhir.Id(IdPrefix, screening.Id, "hr"), patient, vitals.TakenAt, vitals.HeartRate);
            yield return FhirVitals.BodyWeight(ScreeningFhir.Id(IdPrefix, screening.Id, "weight"), patient, vitals.TakenAt, vitals.WeightKg);
        }
    }

    internal static string ScoreId(Guid screeningId, InstrumentCode instrument) => ScreeningFhir.Id(IdPrefix, screeningId, instrument.ToString());
}
