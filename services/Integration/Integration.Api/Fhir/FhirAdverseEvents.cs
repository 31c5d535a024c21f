using System.Globalization;
using Hl7.Fhir.Model;
using Platform.Fhir;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Marten;
using Task = System.Threading.Tasks.Task;

namespace Integration.Api.Fhir;

/// <summary>
/// FHIR AdverseEvent: one entry of the adverse-event register (<see cref="AdverseEventRegisterEntry"/>) with its current
/// grade. The clinical free text (description, action taken, outcome) is left out: no element of R4 AdverseEvent is
/// meant for it, and an EHR that needs it reads the course in the clinic's own tools.
/// </summary>
public static class FhirAdverseEvents
{
    /// <summary>As the REST register (<c>GET /adverse-events</c>): medical staff and prescribers.</summary>
    public static readonly string[] Roles = [Platform.ServiceDefaults.Auth.Roles.Medical, Platform.ServiceDefaults.Auth.Roles.Prescriber];

    /// <summary>R4 defines <c>subject</c>; <c>patient</c> is accepted as its alias, as on the other resources.</summary>
    public static readonly string[] SearchParameters = ["patient", "subject", "date"];

    public const string SeveritySystem = "http://terminology.hl7.org/CodeSystem/adverse-event-severity";
    public const string SeriousnessSystem = "http://terminology.hl7.org/CodeSystem/adverse-event-seriousness";

    public static IEndpointRouteBuilder MapFhirAdverseEvents(this IEndpointRouteBuilder fhir)
    {
        fhir.MapGet("/AdverseEvent/{adverseEventId}", ReadAsync)
            .AsQuery(IntegrationFhir.Tag, "FHIR read of an adverse event (id = the adverse event id)", Roles);
        fhir.MapGet("/AdverseEvent", SearchAsync)
            .AsQuery(IntegrationFhir.Tag, "FHIR search of adverse events: patient/subject, date (eq/ge/gt/le/lt), _count", Roles);
        return fhir;
    }

    private static async Task<FhirResult> ReadAsync(string adverseEventId, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        if (!Guid.TryParse(adverseEventId, out var id)
            || await session.LoadAsync<AdverseEventRegisterEntry>(id, ct) is not { } entry
            || await session.LoadAsync<CourseOutcome>(entry.CourseId, ct) is not { } course)
        {
            return FhirResults.NotFound("AdverseEvent", adverseEventId);
        }

        AccessAudit.Saw(http, [entry.Id, course.Id, course.PatientId]);
        return FhirResults.Read(ToAdverseEvent(entry, course.PatientId), course.Version);
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
        if (errors.Any)
        {
            return FhirResults.Invalid(errors);
        }

        var matching = session.Query<AdverseEventRegisterEntry>().AsQueryable();
        if (patient is { } patientId)
        {
            // The register is keyed by course; the patient is on the course.
            var courseIds = await session.Query<CourseOutcome>().Where(c => c.PatientId == patientId).Select(c => c.Id).ToListAsync(ct);
            matching = matching.Where(e => e.CourseId.IsOneOf(courseIds.ToArray()));
        }

        if (date?.From is { } from)
        {
            matching = matching.Where(e => e.OccurredAt >= from);
        }

        if (date?.To is { } to)
        {
            matching = matching.Where(e => e.OccurredAt < to);
        }

        var total = await matching.CountAsync(ct);
        var page = await matching.OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).ToPageAsync(search.Page, ct);
        var courses = await IntegrationFhir.CoursesAsync(session, page.Items.Select(e => e.CourseId), ct);
        AccessAudit.Saw(http, page.Items.SelectMany(e => new[] { e.Id, e.CourseId, courses[e.CourseId].PatientId }));
        var resources = page.Items.Select(e => (Resource)FhirResults.Stamped(ToAdverseEvent(e, courses[e.CourseId].PatientId), courses[e.CourseId].Version)).ToList();
        return SearchBundle.Of(http.Request, resources, page.Next, total);
    }

    internal static AdverseEvent ToAdverseEvent(AdverseEventRegisterEntry entry, Guid patientId) => new() {
        Id = entry.Id.ToString(),
        Actuality = AdverseEvent.AdverseEventActuality.Actual,
        Event = new CodeableConcept(IntegrationFhir.AdverseEventTypeSystem, entry.Type.ToString(), FhirText.Words(entry.Type.ToString())),
        Subject = FhirElements.Patient(patientId),
        Date = FhirElements.DateTime(entry.OccurredAt),
        RecordedDate = FhirElements.DateTime(entry.RecordedAt),
        Severity = new CodeableConcept(SeveritySystem, SeverityCode(entry.Severity)),
        Seriousness = entry.Severity == AdverseEventSeverity.Serious
            ? new CodeableConcept(SeriousnessSystem, "serious", "Serious")
            : new CodeableConcept(SeriousnessSystem, "non-serious", "Non-serious"),
    };

    /// <summary>
    /// R4's severity has three grades; the platform's fourth, Serious (life-threatening or hospitalisation), is the
    /// seriousness axis in FHIR, so it is severity "severe" and seriousness "serious".
    /// </summary>
    internal static string SeverityCode(AdverseEventSeverity severity) => severity switch {
        AdverseEventSeverity.Mild => "mild",
        AdverseEventSeverity.Moderate => "moderate",
        _ => "severe",
    };
}
