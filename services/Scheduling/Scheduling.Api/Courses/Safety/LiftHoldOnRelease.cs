namespace Scheduling.Api.Courses;

public sealed class LiftHoldOnRelease(ISessionFactory sessions, ClinicClock clock, SchedulingProtocol protocol)
    : CourseConsumer<SafetyHoldReleased>(sessions, clock)
{
    protected override Guid CourseId(SafetyHoldReleased message) => message.CourseId;

    protected override Decision Decide(SafetyHoldReleased message, TreatmentCourse? state, DateTimeOffset now) =>
        LiftSafetyHold.Decide(new LiftSafetyHold(message.HoldId, message.ReleasedAt), state, now, protocol);
}
