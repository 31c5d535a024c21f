using Platform.ServiceDefaults.Marten;
using Platform.ServiceDefaults.Outbox;

namespace Scheduling.Api.Courses;

/// <summary>
/// Applies another service's message to a course through the same decide functions the endpoints use, and keeps the
/// resource ledger in step in the same transaction.
/// </summary>
public abstract class CourseConsumer<TMessage>(ISessionFactory sessions, ClinicClock clock) : IdempotentConsumer<TMessage>(sessions, clock)
    where TMessage : class
{
    protected abstract Guid CourseId(TMessage message);

    protected abstract Decision Decide(TMessage message, TreatmentCourse? state, DateTimeOffset now);

    /// <summary>Keeps a refused message durably to apply later, in the same transaction as the processed marker.</summary>
    protected virtual Task<bool> TryParkAsync(IDocumentSession session, TMessage message, Rejection rejection, CancellationToken cancellationToken) =>
        Task.FromResult(false);

    protected override async Task HandleAsync(IDocumentSession session, TMessage message, CancellationToken cancellationToken)
    {
        var now = Clock.Now().Utc;
        var courseId = CourseId(message);
        var (decision, _) = await session.DecideAsync<TreatmentCourse>(courseId, null, state => Decide(message, state, now), cancellationToken);

        // A refusal is either kept for later (a hold for a course not opened yet) or thrown back so MassTransit
        // retries it; after the retries it lands in the _error queue for an operator. Never acknowledged silently.
        if (decision.Rejection is { } rejection)
        {
            if (await TryParkAsync(session, message, rejection, cancellationToken))
            {
                return;
            }

            throw new InvalidOperationException($"Course {courseId} refused {typeof(TMessage).Name}: {rejection.RuleId}.");
        }

        BookingLedger.Queue(session, decision.Events);
    }
}
