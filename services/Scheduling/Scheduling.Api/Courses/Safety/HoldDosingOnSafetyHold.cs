namespace Scheduling.Api.Courses;

/// <summary>
/// Applies a safety hold: future dosing sessions are cancelled (their resources freed in the same transaction)
/// and no new dosing can be booked until the hold is released.
/// </summary>
public sealed class HoldDosingOnSafetyHold(ISessionFactory sessions, ClinicClock clock, SchedulingProtocol protocol)
    : CourseConsumer<SafetyHoldPlaced>(sessions, clock)
{
    protected override Guid CourseId(SafetyHoldPlaced message) => message.CourseId;

    protected override Decision Decide(SafetyHoldPlaced message, TreatmentCourse? state, DateTimeOffset now) =>
        ApplySafetyHold.Decide(new ApplySafetyHold(message.HoldId, message.Reason, message.PlacedAt), state, now, protocol);
}
