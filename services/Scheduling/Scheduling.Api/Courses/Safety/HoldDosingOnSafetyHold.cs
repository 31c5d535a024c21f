using Platform.ServiceDefaults.Marten;
using Platform.ServiceDefaults.Outbox;

namespace Scheduling.Api.Courses;

/// <summary>
/// Applies a safety hold: future dosing sessions are cancelled (their resources freed in the same transaction)
/// and no new dosing can be booked until the hold is released.
/// </summary>
public sealed class HoldDosingOnSafetyHold(ISessionFactory sessions, ClinicClock clock, SchedulingProtocol protocol)
    : IdempotentConsumer<SafetyHoldPlaced>(sessions, clock)
{
    protected override async Task HandleAsync(IDocumentSession session, SafetyHoldPlaced message, CancellationToken cancellationToken)
    {
        var now = Clock.Now().Utc;
        var command = new ApplySafetyHold(message.HoldId, message.Reason, message.PlacedAt);
        var (decision, _) = await session.DecideAsync<TreatmentCourse>(
            message.CourseId, null, state => ApplySafetyHold.Decide(command, state, now, protocol), cancellationToken);
        CourseMessages.EnsureAccepted(decision, message.CourseId);
        BookingLedger.Queue(session, decision.Events);
    }
}
