namespace Scheduling.Api.Courses;

/// <summary>Integration completed the course: future dosing is cancelled and its resources freed.</summary>
public sealed class CloseCourseOnCompletion(ISessionFactory sessions, ClinicClock clock, SchedulingProtocol protocol)
    : CourseConsumer<CourseCompleted>(sessions, clock)
{
    protected override Guid CourseId(CourseCompleted message) => message.CourseId;

    protected override Decision Decide(CourseCompleted message, TreatmentCourse? state, ClinicTime now) =>
        CloseCourse.Decide(new CloseCourse($"Course completed: {message.Response}, {message.Recommendation}"), state, now, protocol);
}
