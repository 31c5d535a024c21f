using JasperFx.Events;
using Marten.Events.Projections;
using Platform.ServiceDefaults.Analytics;

namespace Scheduling.Api.Queries;

/// <summary>
/// Async projection into the analyst tables. Every statement is an upsert or a keyed delete, so replaying an
/// event (at-least-once in the daemon) leaves the same rows. Rows are keyed by pseudonyms, never operational ids.
/// </summary>
public sealed class ReportingProjection : EventProjection
{
    private readonly string timeZone;
    private readonly AnalystPseudonyms pseudonyms;

    public ReportingProjection(SchedulingProtocol protocol, AnalystPseudonyms pseudonyms)
    {
        this.pseudonyms = pseudonyms;
        timeZone = protocol.Clinic.TimeZoneId;
        Name = "scheduling-reporting";
        IncludeType<CourseOpened>();
        IncludeType<TreatmentCourseClosed>();
        IncludeType<SessionBooked>();
        IncludeType<SessionRescheduled>();
        IncludeType<BookingCancelled>();
        IncludeType<PatientMarkedNoShow>();
        IncludeType<SessionHeld>();
        IncludeType<DoseStarted>();
        IncludeType<DosingSessionConcluded>();
    }

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        switch (e.Data)
        {
            case CourseOpened o:
                operations.QueueSqlCommand(
                    $"insert into {AnalystTables.Courses.QualifiedName} (course_key, clinic, indication, route, opened_month) values (?, ?, ?, ?, {Month}) " +
                    "on conflict (course_key) do nothing",
                    pseudonyms.Course(o.CourseId), e.TenantId, o.Indication.ToString(), o.Route.ToString(), o.OpenedAt, timeZone);
                break;
            case TreatmentCourseClosed c:
                operations.QueueSqlCommand(
                    $"update {AnalystTables.Courses.QualifiedName} set closed_month = {Month} where course_key = ?", c.ClosedAt, timeZone, pseudonyms.Course(c.CourseId));
                break;
            case SessionBooked b:
                var courseKey = pseudonyms.Course(b.CourseId);
                operations.QueueSqlCommand(
                    $"insert into {AnalystTables.Sessions.QualifiedName} (session_key, clinic, course_key, kind, route, start_month, start_week, duration_minutes, dosing_number, status) " +
                    $"values (?, ?, ?, ?, (select route from {AnalystTables.Courses.QualifiedName} where course_key = ?), {Month}, {Week}, ?, ?, ?) " +
                    "on conflict (session_key) do nothing",
                    pseudonyms.Session(b.SessionId), e.TenantId, courseKey, b.Kind.ToString(), courseKey, b.Start, timeZone, b.Start, timeZone,
                    Minutes(b.Start, b.End), (object?)b.DosingNumber ?? DBNull.Value, nameof(SessionStatus.Booked));
                ResourceDays(operations, e.TenantId, b.SessionId, b.Start, b.End, b.TherapistId, b.MedicalProfessionalId, b.RoomId, replace: false);
                break;
            case SessionRescheduled r:
                operations.QueueSqlCommand(
                    $"update {AnalystTables.Sessions.QualifiedName} set start_month = {Month}, start_week = {Week}, duration_minutes = ? where session_key = ?",
                    r.Start, timeZone, r.Start, timeZone, Minutes(r.Start, r.End), pseudonyms.Session(r.SessionId));
                ResourceDays(operations, e.TenantId, r.SessionId, r.Start, r.End, r.TherapistId, r.MedicalProfessionalId, r.RoomId, replace: true);
                break;
            case BookingCancelled c:
                Status(operations, c.SessionId, SessionStatus.Cancelled, c.LateCancellation, noShow: false);
                operations.QueueSqlCommand($"delete from {AnalystTables.ResourceDays.QualifiedName} where session_ref = ?", pseudonyms.ResourceDay(c.SessionId));
                Cancellation(operations, e.TenantId, c.SessionId, c.CourseId, c.Kind.ToString(), "cancelled", c.InitiatedBy.ToString(), c.LateCancellation,
                    (int)Math.Floor((c.ScheduledStart - c.CancelledAt).TotalHours), c.ScheduledStart);
                break;
            case PatientMarkedNoShow n:
                Status(operations, n.SessionId, SessionStatus.NoShow, late: false, noShow: true);
                Cancellation(operations, e.TenantId, n.SessionId, n.CourseId, n.Kind.ToString(), "no_show", null, false, null, n.ScheduledStart);
                break;
            case SessionHeld h:
                Status(operations, h.SessionId, SessionStatus.Held, late: false, noShow: false);
                break;
            case DoseStarted d:
                Status(operations, d.SessionId, SessionStatus.DoseInProgress, late: false, noShow: false);
                break;
            case DosingSessionConcluded d:
                Status(operations, d.SessionId, SessionStatus.Completed, late: false, noShow: false);
                break;
        }

        return ValueTask.CompletedTask;
    }

    // Dates are clinic-local so a session at 20:00 local is not counted on the next UTC day.
    private const string Month = "date_trunc('month', (?::timestamptz) at time zone ?)::date";
    private const string Week = "date_trunc('week', (?::timestamptz) at time zone ?)::date";

    private static int Minutes(DateTimeOffset start, DateTimeOffset end) => (int)Math.Round((end - start).TotalMinutes);

    private void Status(IDocumentOperations operations, Guid sessionId, SessionStatus status, bool late, bool noShow) =>
        operations.QueueSqlCommand(
            $"update {AnalystTables.Sessions.QualifiedName} set status = ?, late_cancellation = late_cancellation or ?, no_show = no_show or ? where session_key = ?",
            status.ToString(), late, noShow, pseudonyms.Session(sessionId));

    /// <summary>
    /// A booking only adds its rows (a replayed one finds them and adds nothing); a reschedule replaces them, as it may
    /// name other people or another room. A booking's delete, for rows that cannot exist yet, was a quarter of a
    /// million statements in the chain year's rebuild.
    /// </summary>
    private void ResourceDays(
        IDocumentOperations operations, string clinic, Guid sessionId, DateTimeOffset start, DateTimeOffset end, Guid therapistId, Guid? medicalId, Guid? roomId,
        bool replace)
    {
        var sessionRef = pseudonyms.ResourceDay(sessionId);
        if (replace)
        {
            operations.QueueSqlCommand($"delete from {AnalystTables.ResourceDays.QualifiedName} where session_ref = ?", sessionRef);
        }

        var resources = new List<(Guid Id, ResourceKind Kind)> { (therapistId, ResourceKind.Therapist) };
        if (medicalId is { } m)
        {
            resources.Add((m, ResourceKind.MedicalProfessional));
        }

        if (roomId is { } r)
        {
            resources.Add((r, ResourceKind.Room));
        }

        foreach (var (id, kind) in resources)
        {
            operations.QueueSqlCommand(
                $"insert into {AnalystTables.ResourceDays.QualifiedName} (session_ref, clinic, resource_id, resource_type, day, minutes) " +
                "values (?, ?, ?, ?, ((?::timestamptz) at time zone ?)::date, ?) on conflict (session_ref, resource_id) do nothing",
                sessionRef, clinic, id, kind.ToString(), start, timeZone, Minutes(start, end));
        }
    }

    private void Cancellation(
        IDocumentOperations operations, string clinic, Guid sessionId, Guid courseId, string kind, string outcome, string? initiatedBy, bool late,
        int? hoursBefore, DateTimeOffset scheduledStart) =>
        operations.QueueSqlCommand(
            $"insert into {AnalystTables.Cancellations.QualifiedName} (session_key, clinic, course_key, kind, outcome, initiated_by, late_cancellation, hours_before_start, scheduled_month, scheduled_week) " +
            $"values (?, ?, ?, ?, ?, ?, ?, ?, {Month}, {Week}) on conflict (session_key) do nothing",
            pseudonyms.Session(sessionId), clinic, pseudonyms.Course(courseId), kind, outcome, (object?)initiatedBy ?? DBNull.Value, late, (object?)hoursBefore ?? DBNull.Value,
            scheduledStart, timeZone, scheduledStart, timeZone);
}
