using JasperFx.Events;
using Marten.Events.Projections;

namespace Scheduling.Api.Queries;

/// <summary>
/// One session as the clinic's calendars see it: when, who, where, and how it ended. No patient id: the day
/// board and staff calendars show the course id only, so a calendar on a screen reveals no one.
/// </summary>
public sealed record ScheduledSession(
    Guid Id,
    Guid CourseId,
    SessionKind Kind,
    DateTimeOffset Start,
    DateTimeOffset End,
    Guid TherapistId,
    Guid? MedicalProfessionalId,
    Guid? RoomId,
    SessionStatus Status,
    bool LateCancellation = false,
    DateTimeOffset? RemsMonitoringDueAt = null,
    DateTimeOffset? RemsMonitoringRecordedAt = null)
{
    public bool Uses(Guid resourceId) => TherapistId == resourceId || MedicalProfessionalId == resourceId || RoomId == resourceId;
}

/// <summary>Inline, so a calendar read right after a booking already shows it.</summary>
public sealed class ScheduledSessionProjection : MultiStreamProjection<ScheduledSession, Guid>
{
    public ScheduledSessionProjection()
    {
        // The daemon's allow list: a rebuild reads only these events, not every event of the log (Evolve takes any
        // IEvent, so Marten cannot infer it). Every type Evolve reads must be here.
        IncludeType<SessionBooked>();
        IncludeType<SessionRescheduled>();
        IncludeType<BookingCancelled>();
        IncludeType<PatientMarkedNoShow>();
        IncludeType<SessionHeld>();
        IncludeType<DoseStarted>();
        IncludeType<DosingSessionConcluded>();
        IncludeType<RemsMonitoringRecorded>();
        Identity<SessionBooked>(e => e.SessionId);
        Identity<SessionRescheduled>(e => e.SessionId);
        Identity<BookingCancelled>(e => e.SessionId);
        Identity<PatientMarkedNoShow>(e => e.SessionId);
        Identity<SessionHeld>(e => e.SessionId);
        Identity<DoseStarted>(e => e.SessionId);
        Identity<DosingSessionConcluded>(e => e.SessionId);
        Identity<RemsMonitoringRecorded>(e => e.SessionId);
    }

    public override ScheduledSession? Evolve(ScheduledSession? snapshot, Guid id, IEvent e) => e.Data switch {
        SessionBooked b => new ScheduledSession(
            b.SessionId, b.CourseId, b.Kind, b.Start, b.End, b.TherapistId, b.MedicalProfessionalId, b.RoomId, SessionStatus.Booked),
        _ when snapshot is null => null,
        SessionRescheduled r => snapshot with {
            Start = r.Start,
            End = r.End,
            TherapistId = r.TherapistId,
            MedicalProfessionalId = r.MedicalProfessionalId,
            RoomId = r.RoomId,
        },
        BookingCancelled c => snapshot with { Status = SessionStatus.Cancelled, LateCancellation = c.LateCancellation },
        PatientMarkedNoShow => snapshot with { Status = SessionStatus.NoShow },
        SessionHeld => snapshot with { Status = SessionStatus.Held },
        DoseStarted => snapshot with { Status = SessionStatus.DoseInProgress },
        DosingSessionConcluded d => snapshot with { Status = SessionStatus.Completed, RemsMonitoringDueAt = d.RemsMonitoringDueAt },
        RemsMonitoringRecorded r => snapshot with { RemsMonitoringRecordedAt = r.RecordedAt },
        _ => snapshot,
    };
}
