using Platform.ServiceDefaults.Marten;

namespace Scheduling.Api.Queries;

public sealed record BoardEntry(Guid SessionId, Guid CourseId, Platform.Contracts.SessionKind Kind, DateTimeOffset Start, DateTimeOffset End, SessionStatus Status);

/// <summary>One hour of the clinic-local day: who and which room is busy with what.</summary>
public sealed record BoardHour(
    int Hour,
    DateTimeOffset Start,
    IReadOnlyDictionary<Guid, BoardEntry> Rooms,
    IReadOnlyDictionary<Guid, BoardEntry> Staff);

public sealed record DayBoard(DateOnly Date, string TimeZone, IReadOnlyList<Room> Rooms, IReadOnlyList<StaffMember> Staff, IReadOnlyList<BoardHour> Hours);

public sealed record StaffCalendar(Guid StaffId, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<ScheduledSession> Sessions);

public sealed record RemsOverdueItem(Guid CourseId, Guid SessionId, DateTimeOffset SessionStart, DateTimeOffset DueAt);

public static class CalendarEndpoints
{
    private static readonly TimeSpan MaxCalendarRange = TimeSpan.FromDays(62);
    private static readonly string[] Readers = [Roles.Scheduler, Roles.Therapist, Roles.Medical, Roles.Prescriber, Roles.System];

    public static IEndpointRouteBuilder MapCalendars(this IEndpointRouteBuilder app)
    {
        app.MapGet("/board/{date}", GetBoard)
            .AsQuery("Calendars", "The clinic's day board: rooms and staff by hour for a clinic-local date (yyyy-MM-dd)", Readers);
        app.MapGet("/staff/{staffId:guid}/calendar", GetCalendar)
            .AsQuery("Calendars", "A staff member's live sessions between from and to (at most 62 days); paged (limit, cursor)", Readers);
        app.MapGet("/rems/overdue", GetRemsOverdue)
            .AsQuery(
                "Calendars", "Esketamine sessions whose REMS monitoring record is past due, oldest first; paged (limit, cursor)",
                Roles.Scheduler, Roles.Medical, Roles.Prescriber, Roles.System);
        return app;
    }

    /// <summary>
    /// The rows of a day board: one per elapsed hour of the clinic day, labelled with its local hour, so the fall-back
    /// day has 25 rows (the repeated hour twice) and the spring-forward day 23 (the skipped hour absent).
    /// </summary>
    public static IReadOnlyList<(int Hour, DateTimeOffset Start, DateTimeOffset End)> BoardHours(DateOnly day, TimeZoneInfo zone)
    {
        var (from, to) = ClinicCalendar.Day(day, zone);
        var rows = new List<(int, DateTimeOffset, DateTimeOffset)>();
        for (var start = from; start < to; start = start.AddHours(1))
        {
            var end = start.AddHours(1) < to ? start.AddHours(1) : to;
            rows.Add((TimeZoneInfo.ConvertTime(start, zone).Hour, start, end));
        }

        return rows;
    }

    private static async Task<Results<Ok<DayBoard>, ValidationProblem>> GetBoard(
        string date, IQuerySession session, SchedulingProtocol protocol, CancellationToken ct)
    {
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", out var day))
        {
            return Problems.Invalid("date", "must be a date such as 2026-03-02");
        }

        // A day near the type's limits overflows the day's UTC bounds (a 500); one from 1800 scans nothing useful.
        if (!StrictJson.InRange(day.Year))
        {
            return Problems.Invalid("date", StrictJson.RangeMessage);
        }

        var zone = protocol.ResolveTimeZone();
        var (from, to) = ClinicCalendar.Day(day, zone);
        var sessions = await LiveBetweenAsync(session, from, to, ct);
        var rooms = await session.Query<Room>().OrderBy(r => r.Name).ToListAsync(ct);
        var staff = await session.Query<StaffMember>().OrderBy(s => s.DisplayName).ToListAsync(ct);

        var hours = new List<BoardHour>();
        foreach (var (hour, start, end) in BoardHours(day, zone))
        {
            var inHour = sessions.Where(s => s.Start < end && start < s.End).ToList();
            var byRoom = new Dictionary<Guid, BoardEntry>();
            var byStaff = new Dictionary<Guid, BoardEntry>();
            foreach (var s in inHour)
            {
                var entry = new BoardEntry(s.Id, s.CourseId, s.Kind, s.Start, s.End, s.Status);
                if (s.RoomId is { } room)
                {
                    byRoom[room] = entry;
                }

                byStaff[s.TherapistId] = entry;
                if (s.MedicalProfessionalId is { } medical)
                {
                    byStaff[medical] = entry;
                }
            }

            hours.Add(new BoardHour(hour, start, byRoom, byStaff));
        }

        return TypedResults.Ok(new DayBoard(day, protocol.Clinic.TimeZoneId, rooms, staff, hours));
    }

    private static async Task<Results<Ok<StaffCalendar>, ValidationProblem, ProblemHttpResult>> GetCalendar(
        Guid staffId, DateTimeOffset from, DateTimeOffset to, IQuerySession session, CancellationToken ct)
    {
        var errors = new FieldErrors().Block(from, to, "to")
            .Require(to - from <= MaxCalendarRange, "to", $"must be at most {MaxCalendarRange.TotalDays:0} days after from");
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        if (await session.LoadAsync<StaffMember>(staffId, ct) is null)
        {
            return Problems.NotFound($"Staff member {staffId}");
        }

        var sessions = await session.Query<ScheduledSession>()
            .Where(s => s.Start < to && s.End > from && (s.TherapistId == staffId || s.MedicalProfessionalId == staffId))
            .Where(s => s.Status != SessionStatus.Cancelled)
            .OrderBy(s => s.Start)
            .ToListAsync(ct);
        return TypedResults.Ok(new StaffCalendar(staffId, from, to, sessions));
    }

    private static async Task<Results<Ok<Page<RemsOverdueItem>>, ValidationProblem>> GetRemsOverdue(
        IQuerySession session, ClinicClock clock, CancellationToken ct, int? limit = null, string? cursor = null)
    {
        var errors = new FieldErrors();
        var page = PageRequest.From(limit, cursor, errors);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var now = clock.Now().Utc;
        var overdue = await session.Query<ScheduledSession>()
            .Where(s => s.RemsMonitoringDueAt != null && s.RemsMonitoringDueAt < now && s.RemsMonitoringRecordedAt == null)
            .OrderBy(s => s.RemsMonitoringDueAt).ThenBy(s => s.Id)
            .ToPageAsync(page, ct);
        return TypedResults.Ok(new Page<RemsOverdueItem>(
            [.. overdue.Items.Select(s => new RemsOverdueItem(s.CourseId, s.Id, s.Start, s.RemsMonitoringDueAt!.Value))], overdue.Next));
    }

    /// <summary>
    /// Sessions that hold or held their resources in the range (not cancelled), by start. No session is longer than
    /// <see cref="CourseInput.MaxSessionMinutes"/>, so a lower bound on the start keeps the read to the range's part of
    /// the start index; without it, a day of last spring read every session the clinic had before that day.
    /// </summary>
    public static IQueryable<ScheduledSession> LiveBetween(IQuerySession session, DateTimeOffset from, DateTimeOffset to)
    {
        var earliestStart = from.AddMinutes(-CourseInput.MaxSessionMinutes);
        return session.Query<ScheduledSession>()
            .Where(s => s.Start >= earliestStart && s.Start < to && s.End > from && s.Status != SessionStatus.Cancelled)
            .OrderBy(s => s.Start);
    }

    public static async Task<IReadOnlyList<ScheduledSession>> LiveBetweenAsync(
        IQuerySession session, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        await LiveBetween(session, from, to).ToListAsync(ct);
}
