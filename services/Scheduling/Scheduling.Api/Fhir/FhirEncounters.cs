using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using Platform.Fhir;
using Platform.ServiceDefaults.Audit;
using Task = System.Threading.Tasks.Task;

namespace Scheduling.Api.Fhir;

/// <summary>
/// FHIR Encounter: a dosing session once its dose has started (<see cref="DosingView"/>), from check-in to discharge,
/// with the vitals taken in it (pre-dose, at forty minutes, at discharge) as contained Observations. Contained, not
/// Observations of their own: they exist only as part of the session's record (no id, no version of their own) and
/// would otherwise join the shared Observation type's fan-out with a second owner's read and search.
/// </summary>
public static class FhirEncounters
{
    /// <summary>As the REST course read (<c>GET /courses/{courseId}</c>), which shows the same dosing record.</summary>
    public static readonly string[] Roles = CourseEndpoints.Readers;

    public static readonly string[] SearchParameters = ["patient", "date", "status"];

    /// <summary>The longest date range a search without a patient may ask for: a month of a clinic's dosing sessions.</summary>
    public static readonly TimeSpan MaxRangeWithoutPatient = TimeSpan.FromDays(31);

    /// <summary>A dosing session's check-in and discharge fall within a day of its booked start.</summary>
    private static readonly TimeSpan SessionDayMargin = TimeSpan.FromDays(1);

    public const string ActCodeSystem = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

    private static readonly Dictionary<SessionStatus, Encounter.EncounterStatus> StatusOf = new() {
        [SessionStatus.DoseInProgress] = Encounter.EncounterStatus.InProgress,
        [SessionStatus.Completed] = Encounter.EncounterStatus.Finished,
    };

    private static readonly string[] Statuses = ["in-progress", "finished"];

    public static IEndpointRouteBuilder MapFhirEncounters(this IEndpointRouteBuilder fhir)
    {
        fhir.MapGet("/Encounter/{encounterId}", ReadAsync)
            .AsQuery(SchedulingFhir.Tag, "FHIR read of a held dosing session as an Encounter with its vitals (id = the session id)", Roles);
        fhir.MapGet("/Encounter", SearchAsync)
            .AsQuery(SchedulingFhir.Tag, "FHIR search of held dosing sessions: patient, date (the period overlaps; eq/ge/gt/le/lt), status (in-progress, finished), _count", Roles);
        return fhir;
    }

    private static async Task<FhirResult> ReadAsync(string encounterId, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        if (await SchedulingFhir.SessionAsync(session, encounterId, ct) is not var (course, found) || !StatusOf.ContainsKey(found.Status))
        {
            return FhirResults.NotFound("Encounter", encounterId);
        }

        AccessAudit.Saw(http, [found.SessionId, course.Id, course.PatientId]);
        return FhirResults.Read(ToEncounter(course, found), course.Version);
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
        if (patient is null && !errors.Any && (date?.From is not { } first || date.To is not { } last || last - first > MaxRangeWithoutPatient))
        {
            // Every candidate is loaded with its course to read its period: without a patient, only a bounded range.
            errors.Add("date", "is required without patient: a day or a month (e.g. 2026-12-06 or 2026-12)");
        }

        if (errors.Any)
        {
            return FhirResults.Invalid(errors);
        }

        // The sessions are filtered in the database (dosing, started, the patient's courses, booked within a day of the
        // range); the period (check-in to discharge) is in the course document only, so the date is matched exactly in
        // memory, as Observations are in Integration.
        var wanted = StatusOf.Where(s => statuses is null || statuses.Contains(s.Value.GetLiteral())).Select(s => s.Key).ToArray();
        var candidates = session.Query<ScheduledSession>().Where(s => s.Kind == SessionKind.Dosing && s.Status.IsOneOf(wanted));
        if (patient is { } patientId)
        {
            var courseIds = await SchedulingFhir.CourseIdsOfAsync(session, patientId, ct);
            candidates = candidates.Where(s => s.CourseId.IsOneOf(courseIds));
        }

        if (date?.From is { } from)
        {
            var earliest = from - SessionDayMargin;
            candidates = candidates.Where(s => s.Start >= earliest);
        }

        if (date?.To is { } to)
        {
            var latest = to + SessionDayMargin;
            candidates = candidates.Where(s => s.Start < latest);
        }

        var sessions = await candidates.ToListAsync(ct);
        var courses = await SchedulingFhir.CoursesAsync(session, sessions.Select(s => s.CourseId), ct);
        var matching = sessions
            .Select(s => (Course: courses[s.CourseId], Session: courses[s.CourseId].FindSession(s.Id)!))
            .Select(x => (x.Course, x.Session, Period: PeriodOf(x.Session.Dosing!)))
            .Where(x => date is null || ((date.To is not { } to || x.Period.Start < to) && (date.From is not { } from || x.Period.End is not { } end || end >= from)))
            .OrderBy(x => x.Period.Start)
            .ThenBy(x => x.Session.SessionId)
            .ToList();
        var page = search.Page.Of([.. matching.Skip(search.Page.Offset).Take(search.Page.Fetch)]);
        AccessAudit.Saw(http, page.Items.SelectMany(x => new[] { x.Session.SessionId, x.Course.Id, x.Course.PatientId }));
        var resources = page.Items.Select(x => (Resource)FhirResults.Stamped(ToEncounter(x.Course, x.Session), x.Course.Version)).ToList();
        return SearchBundle.Of(http.Request, resources, page.Next, matching.Count);
    }

    /// <summary>From check-in (the patient is there) to discharge; open while the patient is monitored.</summary>
    private static (DateTimeOffset Start, DateTimeOffset? End) PeriodOf(DosingView dosing) =>
        (dosing.CheckedInAt ?? dosing.DoseStartedAt!.Value, dosing.DischargedAt);

    internal static Encounter ToEncounter(CourseView course, SessionView session)
    {
        var dosing = session.Dosing!;
        var (start, end) = PeriodOf(dosing);
        var encounter = new Encounter {
            Id = session.SessionId.ToString(),
            Status = StatusOf[session.Status],
            Class = new Coding(ActCodeSystem, "AMB", "ambulatory"),
            Type = [SchedulingFhir.Kind(session.Kind)],
            Subject = FhirElements.Patient(course.PatientId),
            Participant = [Participant(session.TherapistId, "PPRF", "primary performer")],
            Appointment = [new ResourceReference($"Appointment/{session.SessionId}")],
            Period = new Period { Start = FhirElements.DateTime(start), End = end is { } e ? FhirElements.DateTime(e) : null },
        };
        if (session.MedicalProfessionalId is { } medical)
        {
            encounter.Participant.Add(Participant(medical, "SPRF", "secondary performer"));
        }

        if (session.RoomId is { } room)
        {
            encounter.Location.Add(new Encounter.LocationComponent { Location = SchedulingFhir.Location(room) });
        }

        foreach (var (label, reading) in new[] { ("pre-dose", dosing.PreDose), ("40-min", dosing.AtFortyMinutes), ("discharge", dosing.AtDischarge) })
        {
            if (reading is not null)
            {
                encounter.Contained.AddRange(Vitals(label, reading, course.PatientId));
            }
        }

        return encounter;
    }

    private static Encounter.ParticipantComponent Participant(Guid staffId, string type, string display) => new() {
        Type = [new CodeableConcept(SchedulingFhir.ParticipationTypeSystem, type, display)],
        Individual = SchedulingFhir.Practitioner(staffId),
    };

    /// <summary>
    /// One reading as the R4 vital-signs profile codes it (<see cref="FhirVitals"/>: the blood pressure panel and the
    /// heart rate, as Screening's intake vitals). Each refers to its containing Encounter (<c>#</c>), as a contained
    /// resource must. The platform records no oxygen saturation.
    /// </summary>
    private static IEnumerable<Observation> Vitals(string label, VitalsReading reading, Guid patientId)
    {
        var patient = FhirElements.Patient(patientId);
        Observation[] readings = [
            FhirVitals.BloodPressure($"{label}-bp", patient, reading.TakenAt, reading.Systolic, reading.Diastolic),
            FhirVitals.HeartRate($"{label}-hr", patient, reading.TakenAt, reading.HeartRate),
        ];
        foreach (var observation in readings)
        {
            observation.Encounter = new ResourceReference("#");
        }

        return readings;
    }
}
