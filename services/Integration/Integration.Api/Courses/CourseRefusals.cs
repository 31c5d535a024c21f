namespace Integration.Api.Courses;

/// <summary>The refusals several command slices share: course not open, completed, back-dated, an id reused.</summary>
internal static class CourseRefusals
{
    /// <summary>The common guard for clinical writes that end with the course: open, not completed, not back-dated.</summary>
    public static Decision? Refuse(CourseOutcome? state, Guid courseId, DateTimeOffset at, string what)
    {
        if (state is null)
        {
            return NotOpen(courseId);
        }

        if (state.IsCompleted)
        {
            return Completed(state);
        }

        return at < state.ApprovedAt ? BeforeCourse(what, at, state) : null;
    }

    public static Decision NotOpen(Guid courseId) =>
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
