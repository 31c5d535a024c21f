using Platform.ServiceDefaults.Marten;
using Platform.ServiceDefaults.Outbox;

namespace Scheduling.Api.Courses;

/// <summary>Integration completed the course: future dosing is cancelled and its resources freed.</summary>
public sealed class CloseCourseOnCompletion(ISessionFactory sessions, ClinicClock clock, SchedulingProtocol protocol)
    : IdempotentConsumer<CourseCompleted>(sessions, clock)
{
    protected override async Task HandleAsync(IDocumentSession session, CourseCompleted message, CancellationToken cancellationToken)
    {
        var now = Clock.Now().Utc;
        var command = new CloseCourse($"Course completed: {message.Response}, {message.Recommendation}");
        var (decision, _) = await session.DecideAsync<TreatmentCourse>(
            message.CourseId, null, state => CloseCourse.Decide(command, state, now, protocol), cancellationToken);
        CourseMessages.EnsureAccepted(decision, message.CourseId);
        BookingLedger.Queue(session, decision.Events);
    }
}
