using Platform.ServiceDefaults.Marten;
using Platform.ServiceDefaults.Outbox;

namespace Integration.Api.Courses;

/// <summary>Adds a completed dosing session (dose, times, vitals summary) to the course's outcome record.</summary>
public sealed class RecordDosingSessionOnCompletion(ISessionFactory sessions, ClinicClock clock, IntegrationProtocol protocol, ClinicalProtocol clinic)
    : IdempotentConsumer<DosingSessionCompleted>(sessions, clock)
{
    protected override async Task HandleAsync(IDocumentSession session, DosingSessionCompleted message, CancellationToken cancellationToken)
    {
        var (decision, _) = await session.DecideAsync<CourseOutcome>(
            message.CourseId,
            null,
            state => RecordDosingSession.Decide(RecordDosingSession.From(message), state, Clock.Now(), protocol, clinic),
            cancellationToken);

        // The course is opened by the approval message; if this one overtook it, retry until it has arrived.
        if (decision.Rejection is { } rejection)
        {
            throw new InvalidOperationException($"Dosing session {message.SessionId} not recorded: {rejection.RuleId}");
        }
    }
}
