using Platform.ServiceDefaults.Marten;
using Platform.ServiceDefaults.Outbox;

namespace Scheduling.Api.Courses;

public sealed class LiftHoldOnRelease(ISessionFactory sessions, ClinicClock clock, SchedulingProtocol protocol)
    : IdempotentConsumer<SafetyHoldReleased>(sessions, clock)
{
    protected override async Task HandleAsync(IDocumentSession session, SafetyHoldReleased message, CancellationToken cancellationToken)
    {
        var now = Clock.Now().Utc;
        var command = new LiftSafetyHold(message.HoldId, message.ReleasedAt);
        var (decision, _) = await session.DecideAsync<TreatmentCourse>(
            message.CourseId, null, state => LiftSafetyHold.Decide(command, state, now, protocol), cancellationToken);
        CourseMessages.EnsureAccepted(decision, message.CourseId);
    }
}
