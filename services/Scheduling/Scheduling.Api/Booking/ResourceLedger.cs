using Marten;
using Scheduling.Api.Domain;

namespace Scheduling.Api.Booking;

public enum ResourceKind
{
    Therapist,
    MedicalProfessional,
    Room,
}

/// <summary>
/// Keeps <c>resource_bookings</c> in step with the course events of the same transaction: a booking holds its
/// resources, a move re-holds them, a cancellation frees them. Queued on the session, so the rows commit or
/// roll back with the events.
/// </summary>
public static class ResourceLedger
{
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
}
