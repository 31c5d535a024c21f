using System.Diagnostics.CodeAnalysis;

namespace Integration.Api.Courses;

/// <summary>The refusals several command slices share: course not open, completed, back-dated, an id reused.</summary>
internal static class CourseRefusals
{
    /// <summary>The course's outcome record is open; otherwise <paramref name="refused"/> says it is not.</summary>
    public static bool Exists([NotNullWhen(true)] CourseOutcome? state, Guid courseId, [NotNullWhen(false)] out Decision? refused)
    {
        refused = state is null ? NotOpen(courseId) : null;
        return refused is null;
    }

    /// <summary>
    /// The common guard for clinical writes that end with the course: open, not completed, and <paramref name="what"/>
    /// not back-dated before the course began; otherwise <paramref name="refused"/> says which, in that order.
    /// </summary>
    public static bool IsOpenAt(
        [NotNullWhen(true)] CourseOutcome? state, Guid courseId, DateTimeOffset at, string what, [NotNullWhen(false)] out Decision? refused)
    {
        if (!Exists(state, courseId, out refused))
        {
            return false;
        }

        refused = state.IsCompleted ? Completed(state)
            : at < state.ApprovedAt ? BeforeCourse(what, at, state)
            : null;
        return refused is null;
    }

    private static Decision NotOpen(Guid courseId) =>
        Decision.Reject(RuleIds.CourseNotOpen, $"No outcome record is open for course {courseId}.");

    public static Decision Completed(CourseOutcome state) =>
        Decision.Reject(RuleIds.CourseCompleted, $"The course was completed at {state.CompletedAt:O}.");

    public static Decision BeforeCourse(string what, DateTimeOffset at, CourseOutcome state) =>
        Decision.Reject(
            RuleIds.EventBeforeCourse,
            $"The {what} at {at:O} is before the course began ({state.ApprovedAt:O}).");

    public static Decision IdConflict(string what, Guid id) =>
        Decision.Reject(RuleIds.IdConflict, $"A different {what} with id {id} is already recorded.");

    public static Decision UnknownDosingSession(Guid dosingId) =>
        Decision.Reject(RuleIds.UnknownDosingSession, $"Dosing session {dosingId} is not recorded for this course.");
}
