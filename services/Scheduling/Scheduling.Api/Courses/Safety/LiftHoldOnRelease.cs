using Platform.Messaging;

namespace Scheduling.Api.Courses;

public sealed class LiftHoldOnRelease(ISessionFactory sessions, ClinicClock clock, SchedulingProtocol protocol)
    : CourseConsumer<SafetyHoldReleased>(sessions, clock)
{
    protected override Guid CourseId(SafetyHoldReleased message) => message.CourseId;

    protected override Decision Decide(SafetyHoldReleased message, TreatmentCourse? state, ClinicTime now) =>
        LiftSafetyHold.Decide(new LiftSafetyHold(message.HoldId, message.ReleasedAt, message.ReScreeningNotNeeded), state, now, protocol);

    /// <summary>A release may overtake its hold when both precede the course; either order leaves the course unheld.</summary>
    protected override Task<bool> ParkUntilOpenedAsync(
        IDocumentSession session, SafetyHoldReleased message, CancellationToken cancellationToken)
    {
        EarlyMessages.Keep(session, message.CourseId, message.HoldId.ToString(), message, message.ReleasedAt, Clock.Now().Utc);
        return Task.FromResult(true);
    }
}
