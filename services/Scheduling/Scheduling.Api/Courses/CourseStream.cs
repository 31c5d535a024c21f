namespace Scheduling.Api.Courses;

/// <summary>A command was accepted: the course stream's new version (also the ETag) and the session it concerned.</summary>
public sealed record CourseCommandAccepted(Guid CourseId, long Version, Guid? SessionId);

/// <summary>
/// The shared write path for a course stream, answering with the session the command concerned so a client that
/// booked a session learns its id without reading the course back.
/// </summary>
public static class CourseStream
{
    public static Task<Results<Ok<CourseCommandAccepted>, ValidationProblem, ProblemHttpResult>> RunOnCourseAsync(
        this CommandContext context, Guid courseId, Func<TreatmentCourse?, ClinicTime, Decision> decide, Guid? sessionId = null,
        FieldErrors? inputErrors = null, Func<TreatmentCourse, FieldErrors>? inputErrorsOn = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = context.Now;
        return context.RunAsync<TreatmentCourse, CourseCommandAccepted>(
            courseId, state => decide(state, now), version => new CourseCommandAccepted(courseId, version, sessionId), inputErrors, inputErrorsOn);
    }
}
