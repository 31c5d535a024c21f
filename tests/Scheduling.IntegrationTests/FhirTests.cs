using System.Globalization;
using Hl7.Fhir.Model;
using Scheduling.Api.Fhir;
using Task = System.Threading.Tasks.Task;

namespace Scheduling.IntegrationTests;

/// <summary>
/// The FHIR API of Scheduling: staff as Practitioners and PractitionerRoles, rooms as Locations, availability as
/// Schedules and free Slots, sessions as Appointments and a held dosing session as an Encounter with its vitals; every
/// answer valid R4, roles as the REST reads, clinics apart, reads audited.
/// </summary>
public sealed class FhirTests(SchedulingApp app) : IClassFixture<SchedulingApp>
{
    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static object Vitals(int systolic, int diastolic, DateTimeOffset at) => new { systolic, diastolic, heartRate = 72, takenAt = at };

    private static async Task<Bundle> SearchAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await FhirValidation.AssertValidAsync<Bundle>(response);
    }

    private static async Task<T> ReadAsync<T>(HttpClient client, string url, long version)
        where T : Resource
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var resource = await FhirValidation.AssertValidAsync<T>(response);
        Assert.Equal($"W/\"{version}\"", response.Headers.ETag!.ToString());
        Assert.Equal(version.ToString(CultureInfo.InvariantCulture), resource.Meta!.VersionId);
        return resource;
    }

    private async Task<T> DocumentAsync<T>(Guid id)
        where T : notnull
    {
        await using var query = app.Host.Store.QuerySession(ClinicScope.Development);
        return (await query.LoadAsync<T>(id))!;
    }

    [Fact]
    public async Task Staff_rooms_and_their_availability_are_practitioners_roles_locations_schedules_and_free_slots()
    {
        var therapist = await app.StaffAsync(StaffRole.Therapist);
        var medical = await app.StaffAsync(StaffRole.MedicalProfessional, MedicalKind.Crna);
        var room = await app.RoomAsync();
        var reader = app.Client(Roles.Therapist);

        var member = await DocumentAsync<StaffMember>(therapist);
        var practitioner = await ReadAsync<Practitioner>(reader, $"/fhir/Practitioner/{therapist}", member.Version);
        Assert.Equal(member.DisplayName, practitioner.Name.Single().Text);
        Assert.Contains(practitioner.Qualification, q => q.Code.Coding.Single().Code == nameof(CredentialKind.Acls) && q.Period!.End != null);
        Assert.Equal(therapist.ToString(), (await SearchAsync(reader, $"/fhir/Practitioner?_id={therapist}")).Entry.Single().Resource!.Id);

        var role = await ReadAsync<PractitionerRole>(reader, $"/fhir/PractitionerRole/{medical}", (await DocumentAsync<StaffMember>(medical)).Version);
        Assert.Equal($"Practitioner/{medical}", role.Practitioner!.Reference);
        Assert.Contains(role.Code, c => c.Coding.Single().System == SchedulingFhir.StaffRoleSystem && c.Coding.Single().Code == "MedicalProfessional");
        Assert.Contains(role.Code, c => c.Coding.Single().Code == "nurse");
        Assert.Equal("Crna", role.Specialty.Single().Coding.Single().Code);
        var roles = await SearchAsync(reader, $"/fhir/PractitionerRole?practitioner=Practitioner/{therapist}");
        Assert.Equal("Therapist", ((PractitionerRole)roles.Entry.Single().Resource!).Code.Single().Coding.Single().Code);

        var location = await ReadAsync<Location>(reader, $"/fhir/Location/{room}", (await DocumentAsync<Room>(room)).Version);
        Assert.Equal(Location.LocationStatus.Active, location.Status);
        Assert.Equal(1, (await SearchAsync(reader, $"/fhir/Location?_id={room}")).Total);

        var schedule = await ReadAsync<Schedule>(reader, $"/fhir/Schedule/{room}", (await DocumentAsync<ResourceSchedule>(room)).Version);
        Assert.Equal($"Location/{room}", schedule.Actor.Single().Reference);
        var byActor = await SearchAsync(reader, $"/fhir/Schedule?actor=Practitioner/{therapist}");
        Assert.Equal($"Practitioner/{therapist}", ((Schedule)byActor.Entry.Single().Resource!).Actor.Single().Reference);

        // 07:00-21:00 every clinic-local day (a UTC day holds parts of two), none in the past; paged.
        var scheduler = app.Client();
        var day = app.LocalAt(3, 12);
        var slots = await SearchAsync(scheduler, $"/fhir/Slot?schedule=Schedule/{room}&start={Day(day)}");
        var slot = Assert.Single(slots.Entry.Select(e => Assert.IsType<Slot>(e.Resource)), s => s.Start <= day && day < s.End);
        Assert.Equal(Slot.SlotStatus.Free, slot.Status);
        Assert.Equal($"Schedule/{room}", slot.Schedule!.Reference);
        var first = await SearchAsync(scheduler, $"/fhir/Slot?schedule={room}&_count=2");
        Assert.True(first.Total > 2);
        Assert.Equal(2, first.Entry.Count);
        var second = await SearchAsync(scheduler, new Uri(first.Link.Single(l => l.Relation == "next").Url!).PathAndQuery);
        Assert.DoesNotContain(second.Entry, e => first.Entry.Any(f => f.Resource!.Id == e.Resource!.Id));
        Assert.All(first.Entry, e => Assert.True(((Slot)e.Resource!).End > app.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task Sessions_are_appointments_and_a_held_dosing_session_an_encounter_with_its_vitals()
    {
        var (courseId, dosing, integration) = await DosedCourseAsync();
        var course = await DocumentAsync<TreatmentCourse>(courseId);
        var patient = $"Patient/{course.PatientId}";
        var reader = app.Client(Roles.Medical);

        var appointment = await ReadAsync<Appointment>(reader, $"/fhir/Appointment/{dosing}", course.Version);
        Assert.Equal(Appointment.AppointmentStatus.Fulfilled, appointment.Status);
        Assert.Equal("Dosing", appointment.ServiceType.Single().Coding.Single().Code);
        Assert.Contains(appointment.Participant, p => p.Actor!.Reference == patient);
        Assert.Equal(4, appointment.Participant.Count); // patient, therapist, medical professional, room
        Assert.Contains(appointment.Participant, p => p.Actor!.Reference!.StartsWith("Location/", StringComparison.Ordinal));

        Assert.Equal(2, (await SearchAsync(reader, $"/fhir/Appointment?patient={patient}")).Total);
        var booked = await SearchAsync(reader, $"/fhir/Appointment?patient={patient}&status=booked");
        Assert.Equal(integration.ToString(), booked.Entry.Single().Resource!.Id);
        Assert.Equal(dosing.ToString(), (await SearchAsync(reader, $"/fhir/Appointment?patient={patient}&status=fulfilled,arrived")).Entry.Single().Resource!.Id);
        var sessions = course.Sessions.ToDictionary(s => s.SessionId);
        Assert.Equal(integration.ToString(), (await SearchAsync(reader, $"/fhir/Appointment?patient={patient}&date=gt{Day(sessions[dosing].Start)}")).Entry.Single().Resource!.Id);
        Assert.Equal(dosing.ToString(), (await SearchAsync(reader, $"/fhir/Appointment?patient={patient}&date=le{Day(sessions[dosing].Start)}")).Entry.Single().Resource!.Id);
        Assert.Equal(1, (await SearchAsync(reader, $"/fhir/Appointment?_id={dosing}")).Total);
        var page = await SearchAsync(reader, $"/fhir/Appointment?patient={patient}&_count=1");
        Assert.Single(page.Entry);
        var next = await SearchAsync(reader, new Uri(page.Link.Single(l => l.Relation == "next").Url!).PathAndQuery);
        Assert.NotEqual(page.Entry.Single().Resource!.Id, next.Entry.Single().Resource!.Id);

        var encounter = await ReadAsync<Encounter>(reader, $"/fhir/Encounter/{dosing}", course.Version);
        Assert.Equal(Encounter.EncounterStatus.Finished, encounter.Status);
        Assert.Equal(patient, encounter.Subject!.Reference);
        Assert.Equal($"Appointment/{dosing}", encounter.Appointment.Single().Reference);
        Assert.NotNull(encounter.Period!.End);
        var vitals = encounter.Contained.Cast<Observation>().ToList();
        Assert.Equal(6, vitals.Count); // blood pressure and heart rate at check-in, forty minutes and discharge
        var preDose = vitals.Single(o => o.Id == "pre-dose-bp");
        Assert.Equal("85354-9", preDose.Code.Coding.Single().Code);
        Assert.Equal(128m, Assert.IsType<Quantity>(preDose.Component.Single(c => c.Code.Coding.Single().Code == "8480-6").Value).Value);
        Assert.Equal("mm[Hg]", Assert.IsType<Quantity>(preDose.Component.Single(c => c.Code.Coding.Single().Code == "8462-4").Value).Code);
        Assert.Equal("/min", Assert.IsType<Quantity>(vitals.Single(o => o.Id == "discharge-hr").Value).Code);

        using var notHeld = await reader.GetAsync(new Uri($"/fhir/Encounter/{integration}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, notHeld.StatusCode); // booked, not held: an appointment only
        await FhirValidation.AssertValidAsync<OperationOutcome>(notHeld);
        Assert.Equal(1, (await SearchAsync(reader, $"/fhir/Encounter?patient={patient}&status=finished")).Total);
        Assert.Equal(0, (await SearchAsync(reader, $"/fhir/Encounter?patient={patient}&status=in-progress")).Total);
        Assert.Equal(1, (await SearchAsync(reader, $"/fhir/Encounter?patient={patient}&date={Day(sessions[dosing].Start)}")).Total);
        Assert.Equal(0, (await SearchAsync(reader, $"/fhir/Encounter?patient={patient}&date=lt{Day(sessions[dosing].Start.AddDays(-1))}")).Total);

        // Without a patient, a day or a month of the clinic's sessions; an unbounded search would load every session it ever held.
        var day = sessions[dosing].Start;
        foreach (var bounded in new[] { Day(day), Day(day)[..7] })
        {
            Assert.Contains((await SearchAsync(reader, $"/fhir/Encounter?date={bounded}")).Entry, e => e.Resource?.Id == dosing.ToString());
        }

        foreach (var unbounded in new[] { "/fhir/Encounter", $"/fhir/Encounter?date=ge{Day(day)}", $"/fhir/Encounter?date={Day(day)[..4]}" })
        {
            using var refused = await reader.GetAsync(new Uri(unbounded, UriKind.Relative));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains((await FhirValidation.AssertValidAsync<OperationOutcome>(refused)).Issue, i => i.Expression.Contains("date"));
        }
    }

    [Fact]
    public async Task Roles_clinics_and_parameters_are_refused_as_operation_outcomes()
    {
        var therapist = await app.StaffAsync(StaffRole.Therapist);
        var courseId = await app.OpenCourseAsync();
        await app.MatchAsync(courseId, therapist);
        var session = await app.BookOkAsync(courseId, SessionKind.Preparation, app.LocalAt(4, 9), TimeSpan.FromHours(1));

        foreach (var (client, url) in new[]
                 {
                     (app.Client(Roles.Analyst), $"/fhir/Practitioner/{therapist}"),
                     (app.Client(Roles.Analyst), $"/fhir/Appointment/{session}"),
                     (app.Client(Roles.Intake), "/fhir/Encounter"),
                     (app.Client(Roles.Therapist), $"/fhir/Slot?schedule={therapist}"), // the finder is for schedulers and clinic systems
                 })
        {
            using var refused = await client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            await FhirValidation.AssertValidAsync<OperationOutcome>(refused);
        }

        // Another clinic's records do not exist there, as in the REST reads.
        var north = app.Client(clinic: "north");
        foreach (var url in new[] { $"/fhir/Practitioner/{therapist}", $"/fhir/Schedule/{therapist}", $"/fhir/Appointment/{session}" })
        {
            using var elsewhere = await north.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
            await FhirValidation.AssertValidAsync<OperationOutcome>(elsewhere);
        }

        Assert.Equal(0, (await SearchAsync(north, $"/fhir/PractitionerRole?practitioner=Practitioner/{therapist}")).Total);

        foreach (var type in new[] { "Practitioner", "PractitionerRole", "Location", "Schedule", "Slot", "Appointment", "Encounter" })
        {
            using var unsupported = await app.Client().GetAsync(new Uri($"/fhir/{type}?name=x", UriKind.Relative));
            Assert.Equal(HttpStatusCode.BadRequest, unsupported.StatusCode);
            Assert.Contains((await FhirValidation.AssertValidAsync<OperationOutcome>(unsupported)).Issue, i => i.Expression.Contains("name"));
        }

        using var noSchedule = await app.Client().GetAsync(new Uri("/fhir/Slot", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, noSchedule.StatusCode);
        using var tooLong = await app.Client().GetAsync(new Uri($"/fhir/Slot?schedule={therapist}&start=le{Day(app.Clock.GetUtcNow().AddDays(90))}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        using var badStatus = await app.Client().GetAsync(new Uri("/fhir/Appointment?status=planned", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
    }

    [Fact]
    public async Task A_fhir_read_writes_its_access_audit_row()
    {
        var therapist = await app.StaffAsync(StaffRole.Therapist);
        var courseId = await app.OpenCourseAsync();
        await app.MatchAsync(courseId, therapist);
        var session = await app.BookOkAsync(courseId, SessionKind.Preparation, app.LocalAt(5, 9), TimeSpan.FromHours(1));
        var patientId = (await DocumentAsync<TreatmentCourse>(courseId)).PatientId;

        using var reader = app.Host.ClientFor(Roles.Therapist, "fhir-reader-sch");
        using var read = await reader.GetAsync(new Uri($"/fhir/Appointment/{session}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);

        using var officer = app.Host.ClientFor(Roles.PrivacyOfficer, "privacy-1");
        var row = await Eventually.Async(async () =>
        {
            var page = await officer.GetFromJsonAsync<JsonElement>($"/audit/access?recordId={patientId}&subject=fhir-reader-sch");
            return page.GetProperty("items").EnumerateArray().Select(r => (JsonElement?)r).FirstOrDefault();
        }, what: "the audit row of the FHIR read");
        Assert.Equal("/fhir/Appointment/{appointmentId}", row!.Value.GetProperty("route").GetString());
        var records = row.Value.GetProperty("recordIds").EnumerateArray().Select(id => id.GetGuid()).ToList();
        Assert.Contains(session, records);
        Assert.Contains(courseId, records);
    }

    /// <summary>A course with a dosing session held end to end (check-in, dose, vitals at forty minutes, discharge) and an integration session booked after it.</summary>
    private async Task<(Guid CourseId, Guid Dosing, Guid Integration)> DosedCourseAsync()
    {
        var therapist = await app.StaffAsync(StaffRole.Therapist);
        var medical = await app.StaffAsync(StaffRole.MedicalProfessional, MedicalKind.Crna);
        var room = await app.RoomAsync();
        var courseId = await app.PreparedCourseAsync(therapist);
        var doseStart = app.LocalAt(2, 10);
        var dosing = await app.BookOkAsync(courseId, SessionKind.Dosing, doseStart, TimeSpan.FromHours(2), medical, room);

        var medicalClient = app.Client(Roles.Medical);
        var path = $"/courses/{courseId}/sessions/{dosing}";
        app.Clock.MoveTo(doseStart.AddMinutes(-10));
        Assert.Equal(HttpStatusCode.OK, (await medicalClient.PostAsJsonAsync($"{path}/check-in", new { preDose = Vitals(128, 82, app.Clock.GetUtcNow()), fastingConfirmed = true, rideHomeConfirmed = true }, SchedulingApp.Json)).StatusCode);
        app.Clock.MoveTo(doseStart);
        Assert.Equal(HttpStatusCode.OK, (await medicalClient.PostAsJsonAsync($"{path}/dose", new { doseMg = 35 })).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(40));
        Assert.Equal(HttpStatusCode.OK, (await medicalClient.PostAsJsonAsync($"{path}/vitals", new { vitals = Vitals(135, 85, app.Clock.GetUtcNow()) }, SchedulingApp.Json)).StatusCode);
        app.Clock.MoveTo(doseStart.AddMinutes(125));
        Assert.Equal(HttpStatusCode.OK, (await medicalClient.PostAsJsonAsync($"{path}/discharge", new { atDischarge = Vitals(125, 80, app.Clock.GetUtcNow()), sedationResolved = true, dissociationResolved = true }, SchedulingApp.Json)).StatusCode);
        var integration = await app.BookOkAsync(courseId, SessionKind.Integration, app.LocalAt(1, 9), TimeSpan.FromHours(1));
        return (courseId, dosing, integration);
    }
}
