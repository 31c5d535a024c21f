using Platform.Messaging;
using Platform.ServiceDefaults.Marten;

namespace Integration.Api.Courses;

/// <summary>Adds a completed dosing session (dose, times, vitals summary) to the course's outcome record.</summary>
public sealed class RecordDosingSessionOnCompletion(ISessionFactory sessions, ClinicClock clock, IntegrationProtocol protocol)
    : IdempotentConsumer<DosingSessionCompleted>(sessions, clock)
{
    protected override async Task HandleAsync(IDocumentSession session, DosingSessionCompleted message, CancellationToken cancellationToken)
    {
        // The opening reads the kept sessions: the lock keeps it from committing between that read and this keep.
        await LockStreamAsync(session, message.CourseId, cancellationToken);
        OccurredAt.Stamp(session, message.DischargedAt);
        var now = Clock.Now();
        var (decision, _) = await session.DecideAsync<CourseOutcome>(
            message.CourseId,
            null,
            state => RecordDosingSession.Decide(message, state, now, protocol),
            cancellationToken);

        if (decision.Rejection is { } rejection)
        {
            // The approval has not arrived yet: kept with the processed marker, recorded when the record opens
            // (OpenOutcomeRecordOnApproval). Any other refusal can never succeed: retried, then the _error queue.
            if (rejection.RuleId == RuleIds.CourseNotOpen)
            {
                EarlyMessages.Keep(session, message.CourseId, message.SessionId.ToString(), message, message.DoseStartedAt, now.Utc);
                return;
            }

            throw new InvalidOperationException($"Dosing session {message.SessionId} not recorded: {rejection.RuleId}");
        }
    }
}
