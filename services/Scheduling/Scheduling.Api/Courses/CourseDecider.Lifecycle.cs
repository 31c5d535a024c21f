using System.Diagnostics.CodeAnalysis;
using Platform.Contracts;
using Platform.ServiceDefaults.Domain;

namespace Scheduling.Api.Domain;

/// <summary>
/// Pure decide functions for the TreatmentCourse stream: (command, state, now, protocol[, facts]) → events
/// or a rejection with a stable rule id from <see cref="SchedulingRules"/>. Replays and duplicate messages
/// produce no events rather than errors.
/// </summary>
public static partial class CourseDecider
{
    /// <summary>Idempotent: a second approval message for an open course changes nothing.</summary>
    public static Decision Decide(OpenCourse command, TreatmentCourse? state, DateTimeOffset now, SchedulingProtocol protocol)
    {
        if (state is not null)
        {
            return Decision.Accept();
        }

        var a = command.Approval;
        return Decision.Accept(new CourseOpened(
            a.CourseId, a.PatientId, a.Indication, a.Route, a.ApprovedAt, a.ApprovalValidUntil, a.Conditions,
            a.ProtocolVersion, protocol.Version, CoursePlan.For(a.Route, protocol), now));
    }

    public static Decision Decide(
        MatchTherapist command, TreatmentCourse? state, DateTimeOffset now, SchedulingProtocol protocol, StaffMember therapist)
    {
        if (!IsOpen(state, out var rejected))
        {
            return rejected;
        }

        if (therapist.Id != command.TherapistId)
        {
            throw new ArgumentException("The staff facts do not belong to the therapist in the command.", nameof(therapist));
        }

        if (state.TherapistId == command.TherapistId)
        {
            return Decision.Accept();
        }

        if (!therapist.CanSitAsTherapist)
        {
            return Decision.Reject(RuleIds.WrongRole, $"Staff member {therapist.Id} is a {therapist.Role}, not a therapist.");
        }

        if (!therapist.Active)
        {
            return Decision.Reject(RuleIds.ResourceInactive, $"Therapist {therapist.Id} is inactive.");
        }

        var today = AvailabilityCalculator.LocalDate(now, protocol.ResolveTimeZone());
        if (BookingRules.CredentialProblem(therapist, CredentialKind.License, today) is { } credential)
        {
            return credential;
        }

        // Patients prepare with the therapist who sits their dosing; silently swapping would break that promise.
        var futureWithPrevious = state.Sessions.Any(s =>
            s.Status == SessionStatus.Booked && s.Kind != SessionKind.Integration && s.TherapistId == state.TherapistId && s.Start > now);
        if (state.TherapistId is not null && futureWithPrevious)
        {
            return Decision.Reject(
                RuleIds.RematchWithBookings,
                "Cancel or reschedule the preparation and dosing sessions booked with the current therapist first.");
        }

        return Decision.Accept(new TherapistMatched(state.Id, command.TherapistId, state.TherapistId, now));
    }

    /// <summary>
    /// Applies a safety hold and cancels every dosing session that has not started yet. Sessions already in
    /// progress are left to the medical professional; preparation and integration continue.
    /// </summary>
    public static Decision Decide(ApplySafetyHold command, TreatmentCourse? state, DateTimeOffset now, SchedulingProtocol protocol)
    {
        if (state is null)
        {
            return Decision.Reject(RuleIds.CourseNotFound, "No course with this id.");
        }

        if (state.ActiveHolds.Exists(h => h.HoldId == command.HoldId))
        {
            return Decision.Accept();
        }

        var events = new List<object> { new SafetyHoldApplied(state.Id, command.HoldId, command.Reason, command.PlacedAt, now) };
        events.AddRange(state.Sessions
            .Where(s => s.Kind == SessionKind.Dosing && s.Status == SessionStatus.Booked && s.Start > now)
            .Select(s => new BookingCancelled(
                state.Id, s.SessionId, s.Kind, s.Start, $"Safety hold: {command.Reason}", CancellationInitiator.SafetyHold,
                LateCancellation: false, command.HoldId, protocol.Version, now)));
        return Decision.Accept(events);
    }

    public static Decision Decide(LiftSafetyHold command, TreatmentCourse? state, DateTimeOffset now, SchedulingProtocol protocol)
    {
        if (state is null)
        {
            return Decision.Reject(RuleIds.CourseNotFound, "No course with this id.");
        }

        return state.ActiveHolds.Exists(h => h.HoldId == command.HoldId)
            ? Decision.Accept(new SafetyHoldLifted(state.Id, command.HoldId, command.ReleasedAt))
            : Decision.Accept();
    }

    /// <summary>Closing cancels future dosing sessions; booked therapy sessions stay so care can wind down.</summary>
    public static Decision Decide(CloseCourse command, TreatmentCourse? state, DateTimeOffset now, SchedulingProtocol protocol)
    {
        if (state is null)
        {
            return Decision.Reject(RuleIds.CourseNotFound, "No course with this id.");
        }

        if (state.Status == CourseStatus.Closed)
        {
            return Decision.Accept();
        }

        var events = new List<object>();
        events.AddRange(state.Sessions
            .Where(s => s.Kind == SessionKind.Dosing && s.Status == SessionStatus.Booked && s.Start > now)
            .Select(s => new BookingCancelled(
                state.Id, s.SessionId, s.Kind, s.Start, $"Course closed: {command.Reason}", CancellationInitiator.CourseClosure,
                LateCancellation: false, SafetyHoldId: null, protocol.Version, now)));
        events.Add(new TreatmentCourseClosed(state.Id, command.Reason, now));
        return Decision.Accept(events);
    }

    private static bool IsOpen([NotNullWhen(true)] TreatmentCourse? state, [NotNullWhen(false)] out Decision? rejection)
    {
        rejection = state switch {
            null => Decision.Reject(RuleIds.CourseNotFound, "No course with this id."),
            { Status: CourseStatus.Closed } => Decision.Reject(RuleIds.CourseClosed, $"The course is closed: {state.ClosedReason}."),
            _ => null,
        };
        return rejection is null;
    }

    private static bool TryFindSession(
        TreatmentCourse state,
        Guid sessionId,
        bool dosingOnly,
        [NotNullWhen(true)] out CourseSession? session,
        [NotNullWhen(false)] out Decision? rejection)
    {
        session = state.FindSession(sessionId);
        if (session is null)
        {
            rejection = Decision.Reject(RuleIds.SessionNotFound, $"No session {sessionId} in this course.");
            return false;
        }

        if (dosingOnly && session.Kind != SessionKind.Dosing)
        {
            rejection = Decision.Reject(
                RuleIds.WrongSessionKind, $"Session {sessionId} is a {session.Kind} session, not a dosing session.");
            session = null;
            return false;
        }

        rejection = null;
        return true;
    }

    /// <summary>
    /// The approval covers the time before the first dose; once a dose has started the course goes on.
    /// </summary>
    private static Decision? ApprovalProblem(TreatmentCourse state, DateTimeOffset at)
    {
        if (state.AnyDoseStarted || at <= state.ApprovalValidUntil)
        {
            return null;
        }

        return Decision.Reject(
            RuleIds.ApprovalExpired,
            $"The approval expired at {state.ApprovalValidUntil:u} before a first dose; the patient must be re-screened.");
    }

    private static Decision? HoldProblem(TreatmentCourse state) =>
        state.IsOnHold
            ? Decision.Reject(RuleIds.SafetyHold, $"A safety hold is active: {state.ActiveHolds[0].Reason}. A prescriber must release it.")
            : null;

    private static bool IsEsketamine(TreatmentCourse state) => state.Route == TreatmentRoute.EsketamineNasalSpray;
}
