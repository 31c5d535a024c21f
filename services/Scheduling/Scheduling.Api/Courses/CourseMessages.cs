namespace Scheduling.Api.Courses;

internal static class CourseMessages
{
    /// <summary>
    /// A message for a course this service has not opened yet (the approval is still on its way) is thrown back
    /// so MassTransit retries it; after the retries it lands in the _error queue for an operator.
    /// </summary>
    public static void EnsureAccepted(Decision decision, Guid courseId)
    {
        if (decision.Rejection is { } rejection)
        {
            throw new InvalidOperationException($"Course {courseId} refused the message: {rejection.RuleId}.");
        }
    }
}
