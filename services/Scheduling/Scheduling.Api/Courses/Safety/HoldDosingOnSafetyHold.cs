using Platform.Messaging;

namespace Scheduling.Api.Courses;

/// <summary>
/// Applies a safety hold: future dosing sessions are cancelled (their resources freed in the same transaction)
/// and no new dosing can be booked until the hold is released.
/// </summary>
public sealed class HoldDosingOnSafetyHold(ISessionFactory sessions, ClinicClock clock, SchedulingProtocol protocol)
    : CourseConsumer<SafetyHoldPlaced>(sessions, clock)
{
    protected override Guid CourseId(SafetyHoldPlaced message) => message.CourseId;

    protected override Decision Decide(SafetyHoldPlaced message, TreatmentCourse? state, ClinicTime now) =>
        ApplySafetyHold.Decide(new ApplySafetyHold(message.HoldId, message.Reason, message.PlacedAt), state, now, protocol);

    /// <summary>A hold for a course not opened yet is kept (<see cref="EarlyMessages"/>); the course opens on hold (<see cref="OpenCourseOnApproval"/>).</summary>
    protected override Task<bool> ParkUntilOpenedAsync(
        IDocumentSession session, SafetyHoldPlaced message, CancellationToken cancellationToken)
    {
        EarlyMessages.Keep(session, message.CourseId, message.HoldId.ToString(), message, message.PlacedAt, Clock.Now().Utc);
        return Task.FromResult(true);
    }
}
