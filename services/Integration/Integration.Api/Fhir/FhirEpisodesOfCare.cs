using System.Globalization;
using Hl7.Fhir.Model;
using Platform.Fhir;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Marten;
using Task = System.Threading.Tasks.Task;

namespace Integration.Api.Fhir;

/// <summary>
/// FHIR EpisodeOfCare: a treatment course (<see cref="CourseOutcome"/>), from the screening's approval to the course's
/// completion. No careManager or team: the course record here keeps no staff (Scheduling's Practitioner and
/// Appointment resources name who treats the patient).
/// </summary>
public static class FhirEpisodesOfCare
{
    /// <summary>As the course record in the REST API (<c>GET /courses/{courseId}</c>).</summary>
    public static readonly string[] Roles = [Platform.ServiceDefaults.Auth.Roles.Therapist, Platform.ServiceDefaults.Auth.Roles.Medical, Platform.ServiceDefaults.Auth.Roles.Prescriber];

    public static readonly string[] SearchParameters = ["patient", "status", "date"];

    private static readonly string[] Statuses = ["active", "finished"];

    public static IEndpointRouteBuilder MapFhirEpisodesOfCare(this IEndpointRouteBuilder fhir)
    {
        fhir.MapGet("/EpisodeOfCare/{courseId}", ReadAsync)
            .AsQuery(IntegrationFhir.Tag, "FHIR read of a treatment course as an EpisodeOfCare (id = the course id)", Roles);
        fhir.MapGet("/EpisodeOfCare", SearchAsync)
            .AsQuery(IntegrationFhir.Tag, "FHIR search of treatment courses: patient, status (active, finished), date (the period overlaps; eq/ge/gt/le/lt), _count", Roles);
        return fhir;
    }

    private static async Task<FhirResult> ReadAsync(string courseId, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        if (!Guid.TryParse(courseId, out var id) || await session.LoadAsync<CourseOutcome>(id, ct) is not { } course)
        {
            return FhirResults.NotFound("EpisodeOfCare", courseId);
        }

        AccessAudit.Saw(http, [course.Id, course.PatientId]);
        return FhirResults.Read(ToEpisodeOfCare(course), course.Version);
    }

    private static async Task<FhirResult> SearchAsync(IQuerySession session, HttpContext http, CancellationToken ct)
    {
        if (FhirSearch.Read(http.Request, SearchParameters, out var refused) is not { } search)
        {
            return refused!;
        }

        var errors = new FieldErrors();
        var patient = search.Id("patient", "Patient", errors);
        var statuses = search.Codes("status", Statuses, errors);
        var date = search.Date("date", errors);
        if (errors.Any)
        {
            return FhirResults.Invalid(errors);
        }

        var matching = session.Query<CourseOutcome>().AsQueryable();
        if (patient is { } patientId)
        {
            matching = matching.Where(c => c.PatientId == patientId);
        }

        if (statuses is not null && !statuses.Contains("finished"))
        {
            matching = matching.Where(c => c.CompletedAt == null);
        }
        else if (statuses is not null && !statuses.Contains("active"))
        {
            matching = matching.Where(c => c.CompletedAt != null);
        }

        // The period [approval, completion or open] overlaps the date's range.
        if (date?.To is { } to)
        {
            matching = matching.Where(c => c.ApprovedAt < to);
        }

        if (date?.From is { } from)
        {
            matching = matching.Where(c => c.CompletedAt == null || c.CompletedAt >= from);
        }

        var total = await matching.CountAsync(ct);
        var page = await matching.OrderBy(c => c.ApprovedAt).ThenBy(c => c.Id).ToPageAsync(search.Page, ct);
        AccessAudit.Saw(http, page.Items.SelectMany(c => new[] { c.Id, c.PatientId }));
        var resources = page.Items.Select(c => (Resource)FhirResults.Stamped(ToEpisodeOfCare(c), c.Version)).ToList();
        return SearchBundle.Of(http.Request, resources, page.Next, total);
    }

    internal static EpisodeOfCare ToEpisodeOfCare(CourseOutcome course) => new() {
        Id = course.Id.ToString(),
        Status = course.IsCompleted ? EpisodeOfCare.EpisodeOfCareStatus.Finished : EpisodeOfCare.EpisodeOfCareStatus.Active,
        // The route and the indication, the same local codes as the referral's ServiceRequest (code and reasonCode).
        Type =
        [
            new CodeableConcept(IntegrationFhir.RouteSystem, course.Route.ToString(), FhirText.Words(course.Route.ToString())),
            new CodeableConcept(IntegrationFhir.IndicationSystem, course.Indication.ToString(), FhirText.Words(course.Indication.ToString())),
        ],
        Patient = FhirElements.Patient(course.PatientId),
        Period = new Period {
            Start = FhirElements.DateTime(course.ApprovedAt),
            End = course.CompletedAt is { } completed ? FhirElements.DateTime(completed) : null,
        },
    };
}
