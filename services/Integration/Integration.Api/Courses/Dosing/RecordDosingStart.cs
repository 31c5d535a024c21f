using Platform.Messaging;
using Platform.ServiceDefaults.Marten;

namespace Integration.Api.Courses;

/// <summary>
/// Scheduling started a dose: the session is known here from now on, so an adverse event during the dose (before
/// discharge publishes <c>DosingSessionCompleted</c>) can name it. Only the id and start; the full record comes on completion.
/// </summary>
public sealed record RecordDosingStart(Guid CourseId, Guid SessionId, DateTimeOffset StartedAt)
{
    /// <summary>Idempotent, and harmless after the completion overtook it: a session already known changes nothing.</summary>
    public static Decision Decide(RecordDosingStart command, CourseOutcome? state, ClinicTime now)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!CourseRefusals.Exists(state, command.CourseId, out var refused))
        {
            return refused;
        }

        return state.KnowsDosingSession(command.SessionId)
            ? Decision.Accept()
            : Decision.Accept(new DosingSessionStarted(command.CourseId, command.SessionId, command.StartedAt, now.Utc));
    }
}

public sealed class RecordDosingStartOnStart(ISessionFactory sessions, ClinicClock clock) : IdempotentConsumer<DosingStarted>(sessions, clock)
{
    protected override async Task HandleAsync(IDocumentSession session, DosingStarted message, CancellationToken cancellationToken)
    {
        OccurredAt.Stamp(session, message.StartedAt);
        var (decision, _) = await session.DecideAsync<CourseOutcome>(
            message.CourseId,
            null,
            state => RecordDosingStart.Decide(new RecordDosingStart(message.CourseId, message.SessionId, message.StartedAt), state, Clock.Now()),
            cancellationToken);

        // The course is opened by the approval message; if this one overtook it, retry until it has arrived.
        if (decision.Rejection is { } rejection)
        {
            throw new InvalidOperationException($"Dosing start {message.SessionId} not recorded: {rejection.RuleId}");
        }
    }
}
