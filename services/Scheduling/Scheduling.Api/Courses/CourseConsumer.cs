using Platform.Messaging;
using Platform.ServiceDefaults.Marten;

namespace Scheduling.Api.Courses;

/// <summary>
/// Applies another service's message to a course through the same decide functions the endpoints use, and keeps the
/// resource ledger in step in the same transaction.
/// </summary>
public abstract class CourseConsumer<TMessage>(ISessionFactory sessions, ClinicClock clock) : IdempotentConsumer<TMessage>(sessions, clock)
    where TMessage : class
{
    protected abstract Guid CourseId(TMessage message);

    protected abstract Decision Decide(TMessage message, TreatmentCourse? state, ClinicTime now);

    /// <summary>
    /// Keeps a message for a course not opened yet, in the same transaction as the processed marker, for the opening
    /// to apply; false when this consumer has nothing to keep.
    /// </summary>
    protected virtual Task<bool> ParkUntilOpenedAsync(IDocumentSession session, TMessage message, CancellationToken cancellationToken) =>
        Task.FromResult(false);

    /// <summary>Reads what the decision needs besides the course, inside the course's lock.</summary>
    protected virtual Task PrepareAsync(IDocumentSession session, TMessage message, CancellationToken cancellationToken) => Task.CompletedTask;

    protected override async Task HandleAsync(IDocumentSession session, TMessage message, CancellationToken cancellationToken)
    {
        var now = Clock.Now();
        var courseId = CourseId(message);
        // A message kept until the course opens and the opening that applies it each read what the other writes; without
        // the lock both can miss each other (a safety hold kept after the opening looked, and never applied).
        await LockStreamAsync(session, courseId, cancellationToken);
        await PrepareAsync(session, message, cancellationToken);
        var (decision, _) = await session.DecideAsync<TreatmentCourse>(courseId, null, state => Decide(message, state, now), cancellationToken);

        // A message for a course not opened yet is kept for later where the consumer can (a safety hold), else thrown
        // back so MassTransit retries it; after the retries it lands in the _error queue. Never acknowledged silently.
        if (decision.Rejection is { } rejection)
        {
            if (rejection.RuleId == RuleIds.CourseNotFound && await ParkUntilOpenedAsync(session, message, cancellationToken))
            {
                return;
            }

            throw new InvalidOperationException($"Course {courseId} refused {typeof(TMessage).Name}: {rejection.RuleId}.");
        }

        BookingLedger.Queue(session, decision.Events);
    }
}
