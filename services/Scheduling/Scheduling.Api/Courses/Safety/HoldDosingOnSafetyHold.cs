using Marten;
using Platform.Contracts;
using Platform.ServiceDefaults.Domain;
using Platform.ServiceDefaults.Marten;
using Platform.ServiceDefaults.Outbox;
using Platform.ServiceDefaults.Time;
using Scheduling.Api.Courses.Booking;
using Scheduling.Api.Domain;

namespace Scheduling.Api.Messaging;

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
            message.CourseId, null, state => CourseDecider.Decide(command, state, now, protocol), cancellationToken);
        CourseMessages.EnsureAccepted(decision, message.CourseId);
        BookingLedger.Queue(session, decision.Events);
    }
}

public sealed class LiftHoldOnRelease(ISessionFactory sessions, ClinicClock clock, SchedulingProtocol protocol)
    : IdempotentConsumer<SafetyHoldReleased>(sessions, clock)
{
    protected override async Task HandleAsync(IDocumentSession session, SafetyHoldReleased message, CancellationToken cancellationToken)
    {
        var now = Clock.Now().Utc;
        var (decision, _) = await session.DecideAsync<TreatmentCourse>(
            message.CourseId, null, state => CourseDecider.Decide(new LiftSafetyHold(message.HoldId, message.ReleasedAt), state, now, protocol),
            cancellationToken);
        CourseMessages.EnsureAccepted(decision, message.CourseId);
    }
}

public sealed class CloseCourseOnCompletion(ISessionFactory sessions, ClinicClock clock, SchedulingProtocol protocol)
    : IdempotentConsumer<CourseCompleted>(sessions, clock)
{
    protected override async Task HandleAsync(IDocumentSession session, CourseCompleted message, CancellationToken cancellationToken)
    {
        var now = Clock.Now().Utc;
        var reason = $"Course completed: {message.Response}, {message.Recommendation}";
        var (decision, _) = await session.DecideAsync<TreatmentCourse>(
            message.CourseId, null, state => CourseDecider.Decide(new CloseCourse(reason), state, now, protocol), cancellationToken);
        CourseMessages.EnsureAccepted(decision, message.CourseId);
        BookingLedger.Queue(session, decision.Events);
    }
}

internal static class CourseMessages
{
    /// <summary>
    /// A message for a course this service has not opened yet (the approval is still on its way) is thrown back
    /// so MassTransit retries it; after the retries it lands in the _error queue for an operator.
    /// </summary>
    public static void EnsureAccepted(Decision decision, Guid courseId)
    {
        if (decision.Rejection is { } rejection)
        {
            throw new InvalidOperationException($"Course {courseId} refused the message: {rejection.RuleId}.");
        }
    }
}
