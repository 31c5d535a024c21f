using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using Platform.Fhir;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Marten;
using Task = System.Threading.Tasks.Task;

namespace Scheduling.Api.Fhir;

/// <summary>
/// FHIR Appointment: a preparation, dosing or integration session of a course (<see cref="SessionView"/>) with its
/// patient, therapist, medical professional and room. Searches filter the calendar documents
/// (<see cref="ScheduledSession"/>, indexed by start) and map each session from its course.
/// </summary>
public static class FhirAppointments
{
    /// <summary>As the REST course read (<c>GET /courses/{courseId}</c>), which shows the same sessions.</summary>
    public static readonly string[] Roles = CourseEndpoints.Readers;

    public static readonly string[] SearchParameters = ["patient", "date", "status", "_id"];

    /// <summary>Each session status has one appointment status, so a status search is a filter on the calendar documents.</summary>
    private static readonly Dictionary<SessionStatus, Appointment.AppointmentStatus> StatusOf = new() {
        [SessionStatus.Booked] = Appointment.AppointmentStatus.Booked,
        [SessionStatus.DoseInProgress] = Appointment.AppointmentStatus.Arrived,
        [SessionStatus.Held] = Appointment.AppointmentStatus.Fulfilled,
        [SessionStatus.Completed] = Appointment.AppointmentStatus.Fulfilled,
        [SessionStatus.Cancelled] = Appointment.AppointmentStatus.Cancelled,
        [SessionStatus.NoShow] = Appointment.AppointmentStatus.Noshow,
    };

    private static readonly string[] Statuses = ["booked", "arrived", "fulfilled", "cancelled", "noshow"];

    public static IEndpointRouteBuilder MapFhirAppointments(this IEndpointRouteBuilder fhir)
    {
        fhir.MapGet("/Appointment/{appointmentId}", ReadAsync)
            .AsQuery(SchedulingFhir.Tag, "FHIR read of a session as an Appointment (id = the session id)", Roles);
        fhir.MapGet("/Appointment", SearchAsync)
            .AsQuery(SchedulingFhir.Tag, "FHIR search of sessions: patient, date (the start; eq/ge/gt/le/lt), status (booked, arrived, fulfilled, cancelled, noshow), _id, _count", Roles);
        return fhir;
    }

    private static async Task<FhirResult> ReadAsync(string appointmentId, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        if (await SchedulingFhir.SessionAsync(session, appointmentId, ct) is not var (course, found))
        {
            return FhirResults.NotFound("Appointment", appointmentId);
        }

        AccessAudit.Saw(http, [found.SessionId, course.Id, course.PatientId]);
        return FhirResults.Read(ToAppointment(course, found), course.Version);
    }

    private static async Task<FhirResult> SearchAsync(IQuerySession session, HttpContext http, CancellationToken ct)
    {
        if (FhirSearch.Read(http.Request, SearchParameters, out var refused) is not { } search)
        {
            return refused!;
        }

        var errors = new FieldErrors();
        var patient = search.Id("patient", "Patient", errors);
        var date = search.Date("date", errors);
        var statuses = search.Codes("status", Statuses, errors);
        var id = search.Id("_id", null, errors);
        if (errors.Any)
        {
            return FhirResults.Invalid(errors);
        }

        var matching = session.Query<ScheduledSession>().AsQueryable();
        if (id is { } only)
        {
            matching = matching.Where(s => s.Id == only);
        }

        if (patient is { } patientId)
        {
            var courseIds = await SchedulingFhir.CourseIdsOfAsync(session, patientId, ct);
            matching = matching.Where(s => s.CourseId.IsOneOf(courseIds));
        }

        if (statuses is not null)
        {
            var wanted = StatusOf.Where(s => statuses.Contains(s.Value.GetLiteral())).Select(s => s.Key).ToArray();
            matching = matching.Where(s => s.Status.IsOneOf(wanted));
        }

        if (date?.From is { } from)
        {
            matching = matching.Where(s => s.Start >= from);
        }

        if (date?.To is { } to)
        {
            matching = matching.Where(s => s.Start < to);
        }

        var total = await matching.CountAsync(ct);
        var page = await matching.OrderBy(s => s.Start).ThenBy(s => s.Id).ToPageAsync(search.Page, ct);
        var courses = await SchedulingFhir.CoursesAsync(session, page.Items.Select(s => s.CourseId), ct);
        AccessAudit.Saw(http, page.Items.SelectMany(s => new[] { s.Id, s.CourseId, courses[s.CourseId].PatientId }));
        var resources = page.Items.Select(s =>
        {
            var course = courses[s.CourseId];
            return (Resource)FhirResults.Stamped(ToAppointment(course, course.FindSession(s.Id)!), course.Version);
        }).ToList();
        return SearchBundle.Of(http.Request, resources, page.Next, total);
    }

    internal static Appointment ToAppointment(CourseView course, SessionView session)
    {
        var appointment = new Appointment {
            Id = session.SessionId.ToString(),
            Status = StatusOf[session.Status],
            ServiceType = [SchedulingFhir.Kind(session.Kind)],
            Start = session.Start,
            End = session.End,
            MinutesDuration = (int)(session.End - session.Start).TotalMinutes,
            Participant =
            [
                Participant(FhirElements.Patient(course.PatientId), null),
                Participant(SchedulingFhir.Practitioner(session.TherapistId), "PPRF"),
            ],
        };
        if (session.MedicalProfessionalId is { } medical)
        {
            appointment.Participant.Add(Participant(SchedulingFhir.Practitioner(medical), "SPRF"));
        }

        if (session.RoomId is { } room)
        {
            appointment.Participant.Add(Participant(SchedulingFhir.Location(room), null));
        }

        return appointment;
    }

    /// <summary>Every participant has accepted: the platform books only what it has checked is free and allowed.</summary>
    private static Appointment.ParticipantComponent Participant(ResourceReference actor, string? type) => new() {
        Actor = actor,
        Type = type is null ? [] : [new CodeableConcept(SchedulingFhir.ParticipationTypeSystem, type, type == "PPRF" ? "primary performer" : "secondary performer")],
        Required = Appointment.ParticipantRequired.Required,
        Status = ParticipationStatus.Accepted,
    };
}
