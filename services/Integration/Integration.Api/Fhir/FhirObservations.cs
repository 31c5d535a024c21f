using Hl7.Fhir.Model;
using Platform.Fhir;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Marten;
using Task = System.Threading.Tasks.Task;

namespace Integration.Api.Fhir;

/// <summary>
/// FHIR Observation: one outcome measurement of a course (<see cref="OutcomeMeasured"/>: the instrument's total and
/// band). Observation is owned by more than one service, so the id carries this service's prefix (<see cref="IdPrefix"/>)
/// and the gateway routes reads by it; a search is answered by every owner and merged by the gateway.
/// </summary>
public static class FhirObservations
{
    /// <summary>As the course record in the REST API (<c>GET /courses/{courseId}</c>): clinical staff, not analysts or clinic systems.</summary>
    public static readonly string[] Roles = [Platform.ServiceDefaults.Auth.Roles.Therapist, Platform.ServiceDefaults.Auth.Roles.Medical, Platform.ServiceDefaults.Auth.Roles.Prescriber];

    public static readonly string[] SearchParameters = ["patient", "subject", "code", "date"];

    /// <summary>Integration's Observation ids are <c>int-{measurementId}</c>; the gateway's routing table names the same prefix.</summary>
    public const string IdPrefix = "int-";

    public static IEndpointRouteBuilder MapFhirObservations(this IEndpointRouteBuilder fhir)
    {
        fhir.MapGet("/Observation/{observationId}", ReadAsync)
            .AsQuery(IntegrationFhir.Tag, "FHIR read of an outcome measurement (id = int-{measurementId})", Roles);
        fhir.MapGet("/Observation", SearchAsync)
            .AsQuery(IntegrationFhir.Tag, "FHIR search of a patient's outcome measurements: patient/subject (required), code (system|code), date (eq/ge/gt/le/lt), _count", Roles);
        return fhir;
    }

    private static async Task<FhirResult> ReadAsync(string observationId, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        if (!observationId.StartsWith(IdPrefix, StringComparison.Ordinal) || !Guid.TryParse(observationId[IdPrefix.Length..], out var measurementId)
            || await session.Query<CourseOutcome>().Where(c => c.Measurements.Any(m => m.MeasurementId == measurementId)).FirstOrDefaultAsync(ct) is not { } course)
        {
            return FhirResults.NotFound("Observation", observationId);
        }

        var measured = course.Measurements.First(m => m.MeasurementId == measurementId);
        AccessAudit.Saw(http, [course.Id, course.PatientId, measurementId]);
        return FhirResults.Read(ToObservation(course, measured), course.Version);
    }

    private static async Task<FhirResult> SearchAsync(IQuerySession session, HttpContext http, CancellationToken ct)
    {
        if (FhirSearch.Read(http.Request, SearchParameters, out var refused) is not { } search)
        {
            return refused!;
        }

        var errors = new FieldErrors();
        var patient = search.Id("patient", "Patient", errors) ?? search.Id("subject", "Patient", errors);
        var date = search.Date("date", errors);
        var code = search.Token("code", errors);
        if (patient is null && !errors.Any)
        {
            // As Screening's share of Observation: one patient at a time, so a search never loads the whole clinic.
            errors.Add("patient", "is required here (patient or subject): observations are searched one patient at a time");
        }

        if (errors.Any)
        {
            return FhirResults.Invalid(errors);
        }

        // Measurements live inside the course document: the courses are filtered in the database, the measurements in
        // memory (a course holds tens of them).
        var courses = session.Query<CourseOutcome>().Where(c => c.PatientId == patient!.Value && c.Measurements.Count > 0);
        var matching = (await courses.ToListAsync(ct))
            .SelectMany(c => c.Measurements.Select(m => (Course: c, Measured: m)))
            .Where(x => date is null || date.Matches(x.Measured.MeasuredAt))
            .Where(x => code is null || code.Matches(FhirInstruments.TotalCode(x.Measured.Instrument)))
            .OrderBy(x => x.Measured.MeasuredAt)
            .ThenBy(x => x.Measured.MeasurementId)
            .ToList();
        var page = search.Page.Of([.. matching.Skip(search.Page.Offset).Take(search.Page.Fetch)]);
        AccessAudit.Saw(http, page.Items.SelectMany(x => new[] { x.Course.Id, x.Course.PatientId, x.Measured.MeasurementId }));
        var resources = page.Items.Select(x => (Resource)FhirResults.Stamped(ToObservation(x.Course, x.Measured), x.Course.Version)).ToList();
        return SearchBundle.Of(http.Request, resources, page.Next, matching.Count);
    }

    internal static Observation ToObservation(CourseOutcome course, OutcomeMeasured measured) =>
        FhirInstruments.Score(IdPrefix + measured.MeasurementId, measured.Instrument, FhirElements.Patient(course.PatientId), measured.MeasuredAt, measured.Total, measured.Band);
}
