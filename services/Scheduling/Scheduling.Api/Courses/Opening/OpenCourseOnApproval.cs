using Platform.ServiceDefaults.Marten;
using Platform.ServiceDefaults.Outbox;

namespace Scheduling.Api.Courses;

/// <summary>Opens Scheduling's slice of the course, under the course id Screening minted.</summary>
public sealed class OpenCourseOnApproval(ISessionFactory sessions, ClinicClock clock, SchedulingProtocol protocol)
    : IdempotentConsumer<PatientApprovedForTreatment>(sessions, clock)
{
    protected override async Task HandleAsync(IDocumentSession session, PatientApprovedForTreatment message, CancellationToken cancellationToken)
    {
        var now = Clock.Now().Utc;
        await session.DecideAsync<TreatmentCourse>(
            message.CourseId,
            null,
            state => OpenCourse.Decide(new OpenCourse(message), state, now, protocol),
            cancellationToken);
    }
}
