using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten.Events.Projections;
using Platform.ServiceDefaults.Analytics;

namespace Scheduling.Api.Queries;

/// <summary>
/// Async projection into the analyst tables, written per daemon page: what the page's events mean for each course and
/// session is folded first (the last status and move win, a cancellation removes the utilisation rows), then each kind
/// of change is one statement for all of them. One statement per event was 353,000 status updates in the chain year's
/// rebuild. Inserts leave existing keys alone and updates set values, so a replayed page (at-least-once in the daemon)
/// leaves the same rows. Rows are keyed by pseudonyms, never operational ids; dates are clinic-local.
/// </summary>
public sealed class ReportingProjection(SchedulingProtocol protocol, AnalystPseudonyms pseudonyms) : IProjection
{
    public const string Name = "scheduling-reporting";

    private static readonly string SessionsTable = AnalystTables.Sessions.QualifiedName;
    private static readonly string CoursesTable = AnalystTables.Courses.QualifiedName;

    private static readonly string CopyRouteSql =
        $"update {SessionsTable} s set route = c.route from {CoursesTable} c, {AnalystTables.Sessions.RecordsetSql("session_key")} " +
        "where s.session_key = r.session_key and c.course_key = s.course_key";

    private static readonly string CloseCoursesSql =
        $"update {CoursesTable} c set closed_month = r.closed_month from {AnalystTables.Courses.RecordsetSql("course_key", "closed_month")} where c.course_key = r.course_key";

    private static readonly string MoveSessionsSql =
        $"update {SessionsTable} s set start_month = r.start_month, start_week = r.start_week, duration_minutes = r.duration_minutes " +
        $"from {AnalystTables.Sessions.RecordsetSql("session_key", "start_month", "start_week", "duration_minutes")} where s.session_key = r.session_key";

    /// <summary>A late cancellation or a no-show, once recorded, stays recorded.</summary>
    private static readonly string SetStatusSql =
        $"update {SessionsTable} s set status = r.status, late_cancellation = s.late_cancellation or r.late_cancellation, no_show = s.no_show or r.no_show " +
        $"from {AnalystTables.Sessions.RecordsetSql("session_key", "status", "late_cancellation", "no_show")} where s.session_key = r.session_key";

    private readonly TimeZoneInfo zone = protocol.ResolveTimeZone();

    /// <summary>The projection as the daemon runs it, reading only the events it folds.</summary>
    public static ProjectionWrapper<IDocumentOperations, IQuerySession> Source(SchedulingProtocol protocol, AnalystPseudonyms pseudonyms) =>
        AnalystProjections.Source(
            new ReportingProjection(protocol, pseudonyms),
            Name,
            typeof(CourseOpened),
            typeof(TreatmentCourseClosed),
            typeof(SessionBooked),
            typeof(SessionRescheduled),
            typeof(BookingCancelled),
            typeof(PatientMarkedNoShow),
            typeof(SessionHeld),
            typeof(DoseStarted),
            typeof(DosingSessionConcluded));

    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        AnalystProjections.ApplyPage(operations, events, () => new Page(), Fold, (page, batch, clinic) => page.Write(batch, clinic));
        return Task.CompletedTask;
    }

    private void Fold(Page page, object data)
    {
        switch (data)
        {
            case CourseOpened o:
                page.Courses.TryAdd(o.CourseId, new CourseRow(pseudonyms.Course(o.CourseId), o.Indication.ToString(), o.Route.ToString(), Month(o.OpenedAt)));
                break;
            case TreatmentCourseClosed c:
                page.Closures[c.CourseId] = new ClosureRow(pseudonyms.Course(c.CourseId), Month(c.ClosedAt));
                break;
            case SessionBooked b:
                page.Sessions.TryAdd(b.SessionId, new SessionRow(
                    pseudonyms.Session(b.SessionId), pseudonyms.Course(b.CourseId), b.Kind.ToString(), Month(b.Start), Week(b.Start), Minutes(b.Start, b.End),
                    b.DosingNumber, nameof(SessionStatus.Booked)));
                page.Resources[pseudonyms.ResourceDay(b.SessionId)] = new ResourceChange(Replace: false, ResourceDays(b.SessionId, b.Start, b.End, b.TherapistId, b.MedicalProfessionalId, b.RoomId));
                break;
            case SessionRescheduled r:
                page.Moves[r.SessionId] = new MoveRow(pseudonyms.Session(r.SessionId), Month(r.Start), Week(r.Start), Minutes(r.Start, r.End));
                // A move may name other people or another room: its rows replace the session's.
                page.Resources[pseudonyms.ResourceDay(r.SessionId)] = new ResourceChange(Replace: true, ResourceDays(r.SessionId, r.Start, r.End, r.TherapistId, r.MedicalProfessionalId, r.RoomId));
                break;
            case BookingCancelled c:
                page.Status(pseudonyms.Session(c.SessionId), SessionStatus.Cancelled, c.LateCancellation, noShow: false);
                page.Resources[pseudonyms.ResourceDay(c.SessionId)] = new ResourceChange(Replace: true, []);
                page.Cancellations.TryAdd(c.SessionId, new CancellationRow(
                    pseudonyms.Session(c.SessionId), pseudonyms.Course(c.CourseId), c.Kind.ToString(), "cancelled", c.InitiatedBy.ToString(), c.LateCancellation,
                    (int)Math.Floor((c.ScheduledStart - c.CancelledAt).TotalHours), Month(c.ScheduledStart), Week(c.ScheduledStart)));
                break;
            case PatientMarkedNoShow n:
                page.Status(pseudonyms.Session(n.SessionId), SessionStatus.NoShow, late: false, noShow: true);
                page.Cancellations.TryAdd(n.SessionId, new CancellationRow(
                    pseudonyms.Session(n.SessionId), pseudonyms.Course(n.CourseId), n.Kind.ToString(), "no_show", null, false, null, Month(n.ScheduledStart),
                    Week(n.ScheduledStart)));
                break;
            case SessionHeld h:
                page.Status(pseudonyms.Session(h.SessionId), SessionStatus.Held, late: false, noShow: false);
                break;
            case DoseStarted d:
                page.Status(pseudonyms.Session(d.SessionId), SessionStatus.DoseInProgress, late: false, noShow: false);
                break;
            case DosingSessionConcluded d:
                page.Status(pseudonyms.Session(d.SessionId), SessionStatus.Completed, late: false, noShow: false);
                break;
        }
    }

    private DateOnly Day(DateTimeOffset at) => ClinicCalendar.DateOf(at, zone);

    private DateOnly Month(DateTimeOffset at)
    {
        var day = Day(at);
        return new DateOnly(day.Year, day.Month, 1);
    }

    /// <summary>The Monday of the clinic-local week, as PostgreSQL's <c>date_trunc('week', ...)</c>.</summary>
    private DateOnly Week(DateTimeOffset at)
    {
        var day = Day(at);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }

    private static int Minutes(DateTimeOffset start, DateTimeOffset end) => (int)Math.Round((end - start).TotalMinutes);

    private List<ResourceDayRow> ResourceDays(Guid sessionId, DateTimeOffset start, DateTimeOffset end, Guid therapistId, Guid? medicalId, Guid? roomId)
    {
        var sessionRef = pseudonyms.ResourceDay(sessionId);
        var rows = new List<ResourceDayRow> { new(sessionRef, therapistId, nameof(ResourceKind.Therapist), Day(start), Minutes(start, end)) };
        if (medicalId is { } m)
        {
            rows.Add(new(sessionRef, m, nameof(ResourceKind.MedicalProfessional), Day(start), Minutes(start, end)));
        }

        if (roomId is { } r)
        {
            rows.Add(new(sessionRef, r, nameof(ResourceKind.Room), Day(start), Minutes(start, end)));
        }

        return rows;
    }

    // Rows as the tables name their columns (AnalystTable.Json writes them snake_case).
    private sealed record CourseRow(Guid CourseKey, string Indication, string Route, DateOnly OpenedMonth);

    private sealed record ClosureRow(Guid CourseKey, DateOnly ClosedMonth);

    /// <summary>A booked session; <c>route</c> is copied from the course row in the same page's writes.</summary>
    private sealed record SessionRow(
        Guid SessionKey, Guid CourseKey, string Kind, DateOnly StartMonth, DateOnly StartWeek, int DurationMinutes, int? DosingNumber, string Status,
        string? Route = null, bool LateCancellation = false, bool NoShow = false);

    private sealed record MoveRow(Guid SessionKey, DateOnly StartMonth, DateOnly StartWeek, int DurationMinutes);

    private sealed record StatusRow(Guid SessionKey, string Status, bool LateCancellation, bool NoShow);

    private sealed record ResourceDayRow(Guid SessionRef, Guid ResourceId, string ResourceType, DateOnly Day, int Minutes);

    /// <summary>A session's utilisation rows after the page: added (a booking), or replacing what is there (a move, or none for a cancellation).</summary>
    private sealed record ResourceChange(bool Replace, List<ResourceDayRow> Rows);

    private sealed record CancellationRow(
        Guid SessionKey, Guid CourseKey, string Kind, string Outcome, string? InitiatedBy, bool LateCancellation, int? HoursBeforeStart, DateOnly ScheduledMonth,
        DateOnly ScheduledWeek);

    /// <summary>One clinic's share of a page, folded: first booking and cancellation per key, last move, status and closure.</summary>
    private sealed class Page
    {
        public Dictionary<Guid, CourseRow> Courses { get; } = [];

        public Dictionary<Guid, ClosureRow> Closures { get; } = [];

        public Dictionary<Guid, SessionRow> Sessions { get; } = [];

        public Dictionary<Guid, MoveRow> Moves { get; } = [];

        public Dictionary<Guid, StatusRow> Statuses { get; } = [];

        /// <summary>By session ref (<see cref="AnalystPseudonyms.ResourceDay"/>): the last booking, move or cancellation wins.</summary>
        public Dictionary<Guid, ResourceChange> Resources { get; } = [];

        public Dictionary<Guid, CancellationRow> Cancellations { get; } = [];

        /// <summary>The last status wins; a late cancellation or a no-show, once recorded, stays recorded.</summary>
        public void Status(Guid sessionKey, SessionStatus status, bool late, bool noShow) =>
            Statuses[sessionKey] = Statuses.TryGetValue(sessionKey, out var earlier)
                ? new StatusRow(sessionKey, status.ToString(), earlier.LateCancellation || late, earlier.NoShow || noShow)
                : new StatusRow(sessionKey, status.ToString(), late, noShow);

        /// <summary>Inserts before the updates that may touch their rows; a session's route is its course's, copied once both rows are there.</summary>
        public void Write(IDocumentOperations operations, string clinic)
        {
            AnalystProjections.Insert(operations, AnalystTables.Courses.InsertNewFromJsonSql, clinic, Courses.Values);
            AnalystProjections.Insert(operations, AnalystTables.Sessions.InsertNewFromJsonSql, clinic, Sessions.Values);
            AnalystProjections.Update(operations, CopyRouteSql, [.. Sessions.Values.Select(s => new { s.SessionKey })]);
            AnalystProjections.Update(operations, CloseCoursesSql, Closures.Values);
            AnalystProjections.Update(operations, MoveSessionsSql, Moves.Values);
            AnalystProjections.Update(operations, SetStatusSql, Statuses.Values);
            if (Resources.Where(c => c.Value.Replace).Select(c => c.Key).ToArray() is { Length: > 0 } replaced)
            {
                operations.QueueSqlCommand(AnalystTables.ResourceDays.DeleteWhereAnySql("session_ref"), replaced);
            }

            AnalystProjections.Insert(operations, AnalystTables.ResourceDays.InsertNewFromJsonSql, clinic, [.. Resources.Values.SelectMany(c => c.Rows)]);
            AnalystProjections.Insert(operations, AnalystTables.Cancellations.InsertNewFromJsonSql, clinic, Cancellations.Values);
        }
    }
}
