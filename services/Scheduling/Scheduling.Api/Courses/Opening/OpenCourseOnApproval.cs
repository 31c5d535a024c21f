namespace Scheduling.Api.Courses;

/// <summary>Opens Scheduling's slice of the course, under the course id Screening minted.</summary>
public sealed class OpenCourseOnApproval(ISessionFactory sessions, ClinicClock clock, SchedulingProtocol protocol)
    : CourseConsumer<PatientApprovedForTreatment>(sessions, clock)
{
    protected override Guid CourseId(PatientApprovedForTreatment message) => message.CourseId;

    protected override Decision Decide(PatientApprovedForTreatment message, TreatmentCourse? state, DateTimeOffset now) =>
        OpenCourse.Decide(new OpenCourse(message), state, now, protocol);
}
