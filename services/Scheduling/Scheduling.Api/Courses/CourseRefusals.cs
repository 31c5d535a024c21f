using System.Diagnostics.CodeAnalysis;

namespace Scheduling.Api.Courses;

/// <summary>The refusals several course commands share, so each reads and answers the same way.</summary>
internal static class CourseRefusals
{
    public static Decision NotFound() => Decision.Reject(RuleIds.CourseNotFound, "No course with this id.");

    /// <summary>The course exists; otherwise <paramref name="refused"/> says it was not found.</summary>
    public static bool Exists([NotNullWhen(true)] TreatmentCourse? state, [NotNullWhen(false)] out Decision? refused)
    {
        refused = state is null ? NotFound() : null;
        return refused is null;
    }

    /// <summary>The course exists and is not closed; otherwise <paramref name="refused"/> says why.</summary>
    public static bool IsOpen([NotNullWhen(true)] TreatmentCourse? state, [NotNullWhen(false)] out Decision? refused)
    {
        refused = state switch {
            null => NotFound(),
            { Status: CourseStatus.Closed } => Decision.Reject(RuleIds.CourseClosed, $"The course is closed: {state.ClosedReason}."),
            _ => null,
        };
        return refused is null;
    }

    /// <summary>
    /// The session of a course that exists; <paramref name="dosingOnly"/> refuses preparation and integration sessions,
    /// <paramref name="openOnly"/> a closed course (for the commands that change what happens next).
    /// </summary>
    public static bool TryFindSession(
        [NotNullWhen(true)] TreatmentCourse? state,
        Guid sessionId,
        bool dosingOnly,
        [NotNullWhen(true)] out CourseSession? session,
        [NotNullWhen(false)] out Decision? refused,
        bool openOnly = false)
    {
        session = null;
        if (openOnly && !IsOpen(state, out refused))
        {
            return false;
        }

        var found = state?.FindSession(sessionId);
        refused = (state, found) switch {
            (null, _) => NotFound(),
            (_, null) => Decision.Reject(RuleIds.SessionNotFound, $"No session {sessionId} in this course."),
            (_, { Kind: not SessionKind.Dosing }) when dosingOnly => Decision.Reject(
                RuleIds.WrongSessionKind, $"Session {sessionId} is a {found.Kind} session, not a dosing session."),
            _ => null,
        };
        session = refused is null ? found : null;
        return session is not null;
    }

    /// <summary>
    /// A booked session leaves "booked" once (held, no-show, cancelled): repeating the step is a no-op, because a
    /// retried request must not fail, and a session in any other state refuses it. Null when the step may be taken.
    /// </summary>
    public static Decision? LeavingBooked(CourseSession session, SessionStatus to, string refusal) =>
        session.Status == to ? Decision.Accept()
        : session.Status != SessionStatus.Booked ? Decision.Reject(RuleIds.SessionState, refusal)
        : null;

    /// <summary>The approval covers the time before the first dose; once a dose has started the course goes on.</summary>
    public static Decision? ApprovalProblem(TreatmentCourse state, DateTimeOffset at) =>
        state.AnyDoseStarted || at <= state.ApprovalValidUntil
            ? null
            : Decision.Reject(
                RuleIds.ApprovalExpired,
                $"The approval expired at {state.ApprovalValidUntil:u} before a first dose; the patient must be re-screened.");

    /// <summary>Why no dosing session may be booked or started on this course now; booking and the dose ask the same.</summary>
    public static Decision? DosingBlocked(TreatmentCourse state) => HoldProblem(state) ?? ReScreeningProblem(state);

    /// <summary>
    /// A released hold without the prescriber's waiver leaves the approval closed: the patient needs a new screening
    /// and sign-off, which opens a new course. Preparation and integration sessions may go on.
    /// </summary>
    public static Decision? ReScreeningProblem(TreatmentCourse state) =>
        state.ReScreeningRequiredAfterHold is { } holdId
            ? Decision.Reject(
                RuleIds.ReScreeningRequired,
                $"Safety hold {holdId} was released without the prescriber's decision that re-screening is not needed; the patient must be re-screened and signed off (a new course) before dosing.")
            : null;

    public static Decision? HoldProblem(TreatmentCourse state) =>
        state.IsOnHold
            ? Decision.Reject(RuleIds.SafetyHold, $"A safety hold is active: {state.ActiveHolds[0].Reason}. A prescriber must release it.")
            : null;
}
