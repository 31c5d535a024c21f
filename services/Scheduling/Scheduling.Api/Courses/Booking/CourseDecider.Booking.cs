using Platform.Contracts;
using Platform.ServiceDefaults.Domain;

namespace Scheduling.Api.Domain;

public static partial class CourseDecider
{
    /// <summary>
    /// Books a preparation, dosing or integration session. Resource facts (role, credentials, availability in
    /// UTC) are looked up by the caller; double-booking across courses is left to the database constraint.
    /// Repeating the same command with the same session id is a no-op.
    /// </summary>
    public static Decision Decide(
        BookSession command, TreatmentCourse? state, DateTimeOffset now, SchedulingProtocol protocol, BookingResources resources)
    {
        if (!IsOpen(state, out var rejected))
        {
            return rejected;
        }

        if (state.FindSession(command.SessionId) is { } existing)
        {
            var same = existing.Kind == command.Kind && existing.Start == command.Start && existing.End == command.End
                && existing.TherapistId == command.TherapistId && existing.MedicalProfessionalId == command.MedicalProfessionalId
                && existing.RoomId == command.RoomId;
            return same
                ? Decision.Accept()
                : Decision.Reject(RuleIds.SessionExists, $"Session {command.SessionId} already exists with different details.");
        }

        if (command.End <= command.Start)
        {
            return Decision.Reject(RuleIds.InvalidBlock, "The session must end after it starts.");
        }

        var block = new UtcInterval(command.Start, command.End);
        if (BookingRules.Check(
                state, command.Kind, block, command.TherapistId, command.MedicalProfessionalId, command.RoomId, resources, now, protocol)
            is { } refused)
        {
            return refused;
        }

        int? dosingNumber = command.Kind == SessionKind.Dosing
            ? BookingRules.ActiveDosingStarts(state).Count(s => s < block.Start) + 1
            : null;
        return Decision.Accept(new SessionBooked(
            state.Id, command.SessionId, command.Kind, block.Start, block.End, command.TherapistId, command.MedicalProfessionalId,
            command.RoomId, dosingNumber, protocol.Version, now));
    }

    /// <summary>Moves a booked session; every booking rule is checked again as if it were new.</summary>
    public static Decision Decide(
        RescheduleSession command, TreatmentCourse? state, DateTimeOffset now, SchedulingProtocol protocol, BookingResources resources)
    {
        if (!IsOpen(state, out var rejected))
        {
            return rejected;
        }

        if (!TryFindSession(state, command.SessionId, dosingOnly: false, out var session, out var missing))
        {
            return missing;
        }

        if (session.Status != SessionStatus.Booked)
        {
            return Decision.Reject(RuleIds.SessionState, $"Only a booked session can be moved; this one is {session.Status}.");
        }

        if (session.Start == command.Start && session.End == command.End && session.TherapistId == command.TherapistId
            && session.MedicalProfessionalId == command.MedicalProfessionalId && session.RoomId == command.RoomId)
        {
            return Decision.Accept();
        }

        if (command.End <= command.Start)
        {
            return Decision.Reject(RuleIds.InvalidBlock, "The session must end after it starts.");
        }

        var without = state with { Sessions = state.Sessions.Remove(session) };
        var block = new UtcInterval(command.Start, command.End);
        if (BookingRules.Check(
                without, session.Kind, block, command.TherapistId, command.MedicalProfessionalId, command.RoomId, resources, now, protocol)
            is { } refused)
        {
            return refused;
        }

        return Decision.Accept(new SessionRescheduled(
            state.Id, session.SessionId, session.Kind, session.Start, block.Start, block.End, command.TherapistId,
            command.MedicalProfessionalId, command.RoomId, protocol.Version, now));
    }

    /// <summary>Cancellation inside the protocol's window before the start is flagged late (for reporting and fees).</summary>
    public static Decision Decide(CancelSession command, TreatmentCourse? state, DateTimeOffset now, SchedulingProtocol protocol)
    {
        if (state is null)
        {
            return Decision.Reject(RuleIds.CourseNotFound, "No course with this id.");
        }

        if (!TryFindSession(state, command.SessionId, dosingOnly: false, out var session, out var missing))
        {
            return missing;
        }

        if (session.Status == SessionStatus.Cancelled)
        {
            return Decision.Accept();
        }

        if (session.Status != SessionStatus.Booked)
        {
            return Decision.Reject(RuleIds.SessionState, $"Only a booked session can be cancelled; this one is {session.Status}.");
        }

        var late = command.InitiatedBy is CancellationInitiator.Patient or CancellationInitiator.Clinic
            && session.Start - now < TimeSpan.FromHours(protocol.LateCancellationHours);
        return Decision.Accept(new BookingCancelled(
            state.Id, session.SessionId, session.Kind, session.Start, command.Reason, command.InitiatedBy, late,
            SafetyHoldId: null, protocol.Version, now));
    }

    public static Decision Decide(MarkNoShow command, TreatmentCourse? state, DateTimeOffset now, SchedulingProtocol protocol)
    {
        if (state is null)
        {
            return Decision.Reject(RuleIds.CourseNotFound, "No course with this id.");
        }

        if (!TryFindSession(state, command.SessionId, dosingOnly: false, out var session, out var missing))
        {
            return missing;
        }

        if (session.Status == SessionStatus.NoShow)
        {
            return Decision.Accept();
        }

        if (session.Status != SessionStatus.Booked || session.Dosing?.CheckIn is not null)
        {
            return Decision.Reject(RuleIds.SessionState, "Only a booked session the patient never checked in to can be a no-show.");
        }

        if (now < session.Start)
        {
            return Decision.Reject(RuleIds.SessionNotStarted, "A no-show can only be recorded once the session should have started.");
        }

        return Decision.Accept(new PatientMarkedNoShow(state.Id, session.SessionId, session.Kind, session.Start, now));
    }

    /// <summary>
    /// Marks a preparation or integration session as held. The preparation phase completes when the
    /// protocol's number of sessions with the matched therapist have been held.
    /// </summary>
    public static Decision Decide(MarkSessionHeld command, TreatmentCourse? state, DateTimeOffset now, SchedulingProtocol protocol)
    {
        if (state is null)
        {
            return Decision.Reject(RuleIds.CourseNotFound, "No course with this id.");
        }

        if (!TryFindSession(state, command.SessionId, dosingOnly: false, out var session, out var missing))
        {
            return missing;
        }

        if (session.Kind == SessionKind.Dosing)
        {
            return Decision.Reject(RuleIds.WrongSessionKind, "A dosing session is completed by discharging the patient.");
        }

        if (session.Status == SessionStatus.Held)
        {
            return Decision.Accept();
        }

        if (session.Status != SessionStatus.Booked)
        {
            return Decision.Reject(RuleIds.SessionState, $"Only a booked session can be held; this one is {session.Status}.");
        }

        if (now < session.Start)
        {
            return Decision.Reject(RuleIds.SessionNotStarted, "A session cannot be marked held before it starts.");
        }

        var events = new List<object> { new SessionHeld(state.Id, session.SessionId, session.Kind, session.TherapistId, now) };
        if (session.Kind == SessionKind.Preparation && session.TherapistId == state.TherapistId && !state.IsPreparationComplete)
        {
            var held = state.HeldPreparationWithMatchedTherapist() + 1;
            if (held >= state.Plan.PreparationSessions)
            {
                events.Add(new PreparationPhaseCompleted(state.Id, session.TherapistId, held, now));
            }
        }

        return Decision.Accept(events);
    }
}
