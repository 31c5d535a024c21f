using Npgsql;

namespace Scheduling.Api.Courses;

public enum ResourceKind
{
    Therapist,
    MedicalProfessional,
    Room,
}

/// <summary>
/// Keeps <c>resource_bookings</c> in step with the course events of the same transaction: a booking holds its
/// resources, a move re-holds them, a cancellation frees them. Queued on the session, so the rows commit or
/// roll back with the events, and the database's exclusion constraint (not a read-then-write check) is what makes
/// two concurrent bookings of one resource impossible; its refusal becomes a 409 naming the taken resources.
/// </summary>
public sealed class BookingLedger : IStreamCommitHook
{
    public void BeforeCommit(IDocumentSession session, IReadOnlyList<object> events) => Queue(session, events);

    /// <summary>For consumers, which commit through their idempotent inbox rather than the HTTP write path.</summary>
    public static void Queue(IDocumentSession session, IEnumerable<object> events)
    {
        var table = ResourceBookingsTable.Qualified(SchedulingService.Definition.Schema);
        foreach (var @event in events)
        {
            switch (@event)
            {
                case SessionBooked e:
                    Hold(session, table, e.CourseId, e.SessionId, new UtcInterval(e.Start, e.End), e.TherapistId, e.MedicalProfessionalId, e.RoomId);
                    break;
                case SessionRescheduled e:
                    Free(session, table, e.SessionId);
                    Hold(session, table, e.CourseId, e.SessionId, new UtcInterval(e.Start, e.End), e.TherapistId, e.MedicalProfessionalId, e.RoomId);
                    break;
                case BookingCancelled e:
                    Free(session, table, e.SessionId);
                    break;
            }
        }
    }

    private static void Hold(
        IDocumentSession session, string table, Guid courseId, Guid sessionId, UtcInterval block, Guid therapistId, Guid? medicalId, Guid? roomId)
    {
        Insert(session, table, therapistId, ResourceKind.Therapist, sessionId, courseId, block);
        if (medicalId is { } medical)
        {
            Insert(session, table, medical, ResourceKind.MedicalProfessional, sessionId, courseId, block);
        }

        if (roomId is { } room)
        {
            Insert(session, table, room, ResourceKind.Room, sessionId, courseId, block);
        }
    }

    private static void Insert(
        IDocumentSession session, string table, Guid resourceId, ResourceKind kind, Guid sessionId, Guid courseId, UtcInterval block) =>
        session.QueueSqlCommand(
            $"insert into {table} (resource_id, resource_kind, session_id, course_id, during) values (?, ?, ?, ?, tstzrange(?, ?, '[)'))",
            resourceId, kind.ToString(), sessionId, courseId, block.Start, block.End);

    private static void Free(IDocumentSession session, string table, Guid sessionId) =>
        session.QueueSqlCommand($"delete from {table} where session_id = ?", sessionId);

    public async Task<ProblemHttpResult?> OnCommitFailedAsync(
        Exception exception, IDocumentSession session, IReadOnlyList<object> events, CancellationToken cancellationToken) =>
        IsDoubleBooking(exception) ? await DoubleBookedAsync(session, events, cancellationToken) : null;

    public static bool IsDoubleBooking(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: ResourceBookingsTable.ExclusionViolation })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Names the resources that are taken, read after the failed commit (the winner has committed by then).</summary>
    private static async Task<ProblemHttpResult> DoubleBookedAsync(IDocumentSession session, IReadOnlyList<object> events, CancellationToken ct)
    {
        var wanted = events.Select(Wanted).FirstOrDefault(w => w.Resources is not null);

        var taken = new List<string>();
        if (wanted.Resources is not null)
        {
            var table = ResourceBookingsTable.Qualified(SchedulingService.Definition.Schema);
            var ids = wanted.Resources.Select(r => r.Id).ToArray();
            var busy = await session.AdvancedSql.QueryAsync<Guid>(
                $"select distinct resource_id from {table} where resource_id = any(?) and session_id <> ? and during && tstzrange(?, ?, '[)')",
                ct,
                ids, wanted.SessionId, wanted.Block.Start, wanted.Block.End);
            taken.AddRange(wanted.Resources.Where(r => busy.Contains(r.Id)).Select(r => $"{r.Field} {r.Id}"));
        }

        var detail = taken.Count > 0
            ? $"Already booked for an overlapping block: {string.Join(", ", taken)}."
            : "A named resource is already booked for an overlapping block.";
        return TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "Rule violated: " + RuleIds.DoubleBooked,
            detail: detail,
            type: "https://kap.example/rules/" + RuleIds.DoubleBooked,
            extensions: new Dictionary<string, object?> {
                [Problems.RuleIdKey] = RuleIds.DoubleBooked,
                ["resources"] = taken,
            });
    }

    private static (Guid SessionId, UtcInterval Block, List<(string Field, Guid Id)>? Resources) Wanted(object e) => e switch {
        SessionBooked b => (b.SessionId, new UtcInterval(b.Start, b.End), Named(b.TherapistId, b.MedicalProfessionalId, b.RoomId)),
        SessionRescheduled r => (r.SessionId, new UtcInterval(r.Start, r.End), Named(r.TherapistId, r.MedicalProfessionalId, r.RoomId)),
        _ => default,
    };

    private static List<(string Field, Guid Id)> Named(Guid therapistId, Guid? medicalId, Guid? roomId)
    {
        var list = new List<(string, Guid)> { ("therapistId", therapistId) };
        if (medicalId is { } m)
        {
            list.Add(("medicalProfessionalId", m));
        }

        if (roomId is { } r)
        {
            list.Add(("roomId", r));
        }

        return list;
    }
}
