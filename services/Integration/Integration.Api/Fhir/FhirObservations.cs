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

    public const string Loinc = "http://loinc.org";
    public const string CategorySystem = "http://terminology.hl7.org/CodeSystem/observation-category";

    /// <summary>
    /// LOINC total-score codes used only where they are certain (the clinical reference's total-score codes); the
    /// other instruments (C-SSRS, PCL-5, MADRS, QIDS-SR16, CADSS-6) are coded in the local instrument system alone
    /// until a terminology review confirms theirs.
    /// </summary>
    private static readonly Dictionary<InstrumentCode, (string Code, string Display)> LoincTotals = new() {
        [InstrumentCode.Phq9] = ("44261-6", "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]"),
        [InstrumentCode.Gad7] = ("70274-6", "Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]"),
    };

    public static IEndpointRouteBuilder MapFhirObservations(this IEndpointRouteBuilder fhir)
    {
        fhir.MapGet("/Observation/{observationId}", ReadAsync)
            .AsQuery(IntegrationFhir.Tag, "FHIR read of an outcome measurement (id = int-{measurementId})", Roles);
        fhir.MapGet("/Observation", SearchAsync)
            .AsQuery(IntegrationFhir.Tag, "FHIR search of outcome measurements: patient/subject, code (system|code), date (eq/ge/gt/le/lt), _count", Roles);
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
        var code = CodeOf(search["code"], errors);
        if (errors.Any)
        {
            return FhirResults.Invalid(errors);
        }

        // Measurements live inside the course document: the courses are filtered in the database, the measurements in
        // memory (a course holds tens of them).
        var courses = session.Query<CourseOutcome>().Where(c => c.Measurements.Count > 0);
        if (patient is { } patientId)
        {
            courses = courses.Where(c => c.PatientId == patientId);
        }

        var matching = (await courses.ToListAsync(ct))
            .SelectMany(c => c.Measurements.Select(m => (Course: c, Measured: m)))
            .Where(x => date is null || date.Matches(x.Measured.MeasuredAt))
            .Where(x => code is null || Codings(x.Measured.Instrument).Any(c => (code.Value.System is null || c.System == code.Value.System) && c.Code == code.Value.Code))
            .OrderBy(x => x.Measured.MeasuredAt)
            .ThenBy(x => x.Measured.MeasurementId)
            .ToList();
        var page = search.Page.Of([.. matching.Skip(search.Page.Offset).Take(search.Page.Fetch)]);
        AccessAudit.Saw(http, page.Items.SelectMany(x => new[] { x.Course.Id, x.Course.PatientId, x.Measured.MeasurementId }));
        var resources = page.Items.Select(x => (Resource)Stamped(ToObservation(x.Course, x.Measured), x.Course.Version)).ToList();
        return SearchBundle.Of(http.Request, resources, page.Next, matching.Count);
    }

    internal static Observation ToObservation(CourseOutcome course, OutcomeMeasured measured) => new() {
        Id = IdPrefix + measured.MeasurementId,
        Status = ObservationStatus.Final,
        Category = [new CodeableConcept(CategorySystem, "survey", "Survey")],
        Code = new CodeableConcept { Coding = Codings(measured.Instrument), Text = InstrumentCatalog.Get(measured.Instrument).Name + " total score" },
        Subject = IntegrationFhir.Patient(course.PatientId),
        Effective = new FhirDateTime(measured.MeasuredAt),
        Value = new Integer(measured.Total),
        // The band is the service's own wording ("moderate", "high"), so it is text, not a guessed interpretation code.
        Interpretation = [new CodeableConcept { Text = measured.Band }],
    };

    /// <summary>A search entry carries its version too (meta.versionId), as a read would.</summary>
    private static Observation Stamped(Observation observation, long version)
    {
        observation.Meta = new Meta { VersionId = version.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        return observation;
    }

    /// <summary>LOINC where certain, always the local instrument code (so every instrument is searchable by one system).</summary>
    private static List<Coding> Codings(InstrumentCode instrument)
    {
        var name = InstrumentCatalog.Get(instrument).Name;
        List<Coding> codings = LoincTotals.TryGetValue(instrument, out var loinc) ? [new Coding(Loinc, loinc.Code, loinc.Display)] : [];
        codings.Add(new Coding(IntegrationFhir.InstrumentSystem, name, name + " total score"));
        return codings;
    }

    /// <summary>A token search value: <c>system|code</c>, or a code alone (any system).</summary>
    private static (string? System, string Code)? CodeOf(string? value, FieldErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        var bar = value.IndexOf('|', StringComparison.Ordinal);
        var (system, code) = bar < 0 ? (null, value) : (value[..bar], value[(bar + 1)..]);
        if (code.Length == 0)
        {
            errors.Add("code", "must be system|code or a code");
            return null;
        }

        return (system, code);
    }
}
