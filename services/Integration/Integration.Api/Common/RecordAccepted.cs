namespace Integration.Api.Common;

/// <summary>What a command on a course returns: the record it created or changed and the stream's new version (the ETag).</summary>
public sealed record RecordAccepted(Guid CourseId, Guid Id, long Version);

public static class CourseOutcomeStream
{
    /// <summary>The one write path for a course's outcome stream, answering with the record the command created or changed.</summary>
    /// <param name="recordId">Read after the decision, for commands whose record is only known once decided.</param>
    public static Task<Results<Ok<RecordAccepted>, ValidationProblem, ProblemHttpResult>> RecordOnCourseAsync(
        this CommandContext context, Guid courseId, Func<CourseOutcome?, Decision> decide, Func<Guid> recordId, FieldErrors? inputErrors = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.RunAsync(courseId, decide, version => new RecordAccepted(courseId, recordId(), version), inputErrors);
    }
}
