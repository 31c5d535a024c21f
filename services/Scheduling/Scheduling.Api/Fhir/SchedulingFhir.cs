using System.Globalization;
using Hl7.Fhir.Model;
using Platform.Fhir;
using Platform.ServiceDefaults.Audit;
using Task = System.Threading.Tasks.Task;

namespace Scheduling.Api.Fhir;

/// <summary>
/// The FHIR resources Scheduling owns, under /fhir (the gateway routes Practitioner, PractitionerRole, Location,
/// Schedule, Slot, Appointment and Encounter here), and what their files share.
/// </summary>
public static class SchedulingFhir
{
    public const string Tag = "FHIR";

    /// <summary>The local code systems of this service's resources (docs/fhir.md lists their codes).</summary>
    public const string StaffRoleSystem = FhirCodeSystems.Base + "staff-role";
    public const string MedicalKindSystem = FhirCodeSystems.Base + "medical-kind";
    public const string CredentialSystem = FhirCodeSystems.Base + "credential";
    public const string SessionKindSystem = FhirCodeSystems.Base + "session-kind";

    /// <summary>HL7's participation types: the therapist leads a session (primary performer), the medical professional sits it (secondary).</summary>
    public const string ParticipationTypeSystem = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";

    public static IEndpointRouteBuilder MapSchedulingFhir(this IEndpointRouteBuilder app)
    {
        var fhir = app.MapFhirGroup();
        fhir.MapFhirPractitioners();
        fhir.MapFhirPractitionerRoles();
        fhir.MapFhirLocations();
        fhir.MapFhirSchedules();
        fhir.MapFhirSlots();
        fhir.MapFhirAppointments();
        fhir.MapFhirEncounters();
        return app;
    }

    /// <summary>A read of one stored document (a staff member, a room) by its id: its resource at the document's version, audited.</summary>
    internal static async Task<FhirResult> ReadAsync<TDocument>(
        string type, string id, Func<TDocument, Resource> toResource, Func<TDocument, long> version, IQuerySession session, HttpContext http, CancellationToken ct)
        where TDocument : class
    {
        if (!Guid.TryParse(id, out var documentId) || await session.LoadAsync<TDocument>(documentId, ct) is not { } document)
        {
            return FhirResults.NotFound(type, id);
        }

        AccessAudit.Saw(http, [documentId]);
        return FhirResults.Read(toResource(document), version(document));
    }

    internal static ResourceReference Practitioner(Guid staffId) => new($"Practitioner/{staffId}");

    internal static ResourceReference Location(Guid roomId) => new($"Location/{roomId}");

    /// <summary>The session kind (preparation, dosing, integration) in the local code system.</summary>
    internal static CodeableConcept Kind(SessionKind kind) => new(SessionKindSystem, kind.ToString(), FhirText.Words(kind.ToString()));

    /// <summary>
    /// The courses behind a page of sessions, as the REST course read shows them (<see cref="CourseView"/>), by id: a
    /// session's version is its course stream's version, so any change to the course gives a new ETag.
    /// </summary>
    internal static async Task<IReadOnlyDictionary<Guid, CourseView>> CoursesAsync(IQuerySession session, IEnumerable<Guid> courseIds, CancellationToken ct) =>
        (await session.LoadManyAsync<TreatmentCourse>(ct, courseIds.Distinct())).Select(CourseView.From).ToDictionary(c => c.Id);

    /// <summary>The patient's courses: the calendar documents carry no patient (a calendar on a screen reveals no one), the course does.</summary>
    internal static async Task<Guid[]> CourseIdsOfAsync(IQuerySession session, Guid patientId, CancellationToken ct) =>
        [.. await session.Query<TreatmentCourse>().Where(c => c.PatientId == patientId).Select(c => c.Id).ToListAsync(ct)];

    /// <summary>The course and session a session id names (the calendar document says which course), or null.</summary>
    internal static async Task<(CourseView Course, SessionView Session)?> SessionAsync(IQuerySession session, string id, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var sessionId)
            || await session.LoadAsync<ScheduledSession>(sessionId, ct) is not { } scheduled
            || await session.LoadAsync<TreatmentCourse>(scheduled.CourseId, ct) is not { } course)
        {
            return null;
        }

        var view = CourseView.From(course);
        return view.FindSession(sessionId) is { } found ? (view, found) : null;
    }
}
