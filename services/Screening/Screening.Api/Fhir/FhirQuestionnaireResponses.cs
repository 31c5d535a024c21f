using System.Globalization;
using Hl7.Fhir.Model;
using Platform.Fhir;
using Platform.Instruments;
using Task = System.Threading.Tasks.Task;

namespace Screening.Api.Fhir;

/// <summary>
/// FHIR QuestionnaireResponse: the item answers of the latest administration of each instrument in a screening, in
/// the order the instrument numbers them (linkId "1", "2", ...), each answer the integer the clinician recorded (for the
/// C-SSRS screener 1 is yes). The questionnaire is named by a local canonical URL.
/// </summary>
public static class FhirQuestionnaireResponses
{
    public static readonly string[] SearchParameters = ["patient", "subject", "authored", "questionnaire"];

    public static IEndpointRouteBuilder MapFhirQuestionnaireResponses(this IEndpointRouteBuilder fhir)
    {
        fhir.MapGet("/QuestionnaireResponse/{responseId}", (string responseId, IQuerySession session, HttpContext http, CancellationToken ct) =>
                ScreeningFhir.ReadAsync("QuestionnaireResponse", responseId, string.Empty, Of, session, http, ct))
            .AsQuery(ScreeningFhir.Tag, "FHIR read of an instrument's answers (id = {screeningId}-{instrument})", ScreeningFhir.ClinicalRoles);
        fhir.MapGet("/QuestionnaireResponse", (IQuerySession session, HttpContext http, CancellationToken ct) =>
                ScreeningFhir.SearchAsync(http, session, SearchParameters, Of, Filter, ct))
            .AsQuery(ScreeningFhir.Tag, "FHIR search of a patient's instrument answers: patient/subject (required), authored (eq/ge/gt/le/lt), questionnaire (canonical URL), _count", ScreeningFhir.ClinicalRoles);
        return fhir;
    }

    private static Func<QuestionnaireResponse, bool> Filter(FhirSearch search, FieldErrors errors)
    {
        var authored = search.Date("authored", errors);
        var questionnaire = search["questionnaire"];
        return r => (authored is null || authored.Matches(new FhirDateTime(r.Authored).ToDateTimeOffset(TimeSpan.Zero)))
            && (questionnaire is null || r.Questionnaire == questionnaire);
    }

    internal static string IdOf(Guid screeningId, InstrumentCode instrument) => ScreeningFhir.Id(string.Empty, screeningId, instrument.ToString());

    internal static IEnumerable<QuestionnaireResponse> Of(ScreeningCase screening) =>
        screening.Instruments.OrderBy(i => i.AdministeredAt).Select(administered => new QuestionnaireResponse {
            Id = IdOf(screening.Id, administered.Instrument),
            Questionnaire = FhirInstruments.Questionnaire(administered.Instrument),
            Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
            Subject = FhirElements.Patient(screening.PatientId),
            Authored = new FhirDateTime(administered.AdministeredAt).Value,
            Item = [.. administered.Items.Select((answer, i) => new QuestionnaireResponse.ItemComponent {
                LinkId = (i + 1).ToString(CultureInfo.InvariantCulture),
                Answer = [new QuestionnaireResponse.AnswerComponent { Value = new Integer(answer) }],
            })],
        });
}
