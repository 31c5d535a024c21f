using Integration.Api.Domain;
using Marten;
using Platform.Contracts;
using Platform.ServiceDefaults.Marten;
using Platform.ServiceDefaults.Outbox;

namespace Integration.Api.Messaging;

/// <summary>Adds a completed dosing session (dose, times, vitals summary) to the course's outcome record.</summary>
public sealed class RecordDosingSessionOnCompletion(ISessionFactory sessions, TimeProvider clock, OutcomeProtocol protocol)
    : IdempotentConsumer<DosingSessionCompleted>(sessions, clock)
{
    protected override async Task HandleAsync(IDocumentSession session, DosingSessionCompleted message, CancellationToken cancellationToken)
    {
        var (decision, _) = await session.DecideAsync<CourseOutcome>(
            message.CourseId,
            null,
            state => CourseOutcomeDecider.Decide(RecordDosingSession.From(message), state, Clock.GetUtcNow(), protocol),
            cancellationToken);

        // The course is opened by the approval message; if this one overtook it, retry until it has arrived.
        if (decision.Rejection is { } rejection)
        {
            throw new InvalidOperationException($"Dosing session {message.SessionId} not recorded: {rejection.RuleId}");
        }
    }
}
