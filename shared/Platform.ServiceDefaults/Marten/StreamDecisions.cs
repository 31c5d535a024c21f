using Marten;
using Platform.ServiceDefaults.Domain;

namespace Platform.ServiceDefaults.Marten;

public static class StreamDecisions
{
    /// <summary>
    /// Loads the stream's state for writing (at <paramref name="expectedVersion"/> when given), runs the pure
    /// decide function and appends its events to the session. The caller commits, so a consumer can commit the
    /// events together with its processed-message marker.
    /// </summary>
    public static async Task<(Decision Decision, long Version)> DecideAsync<TState>(
        this IDocumentSession session,
        Guid streamId,
        long? expectedVersion,
        Func<TState?, Decision> decide,
        CancellationToken cancellationToken)
        where TState : class
    {
        var stream = expectedVersion is { } version
            ? await session.Events.FetchForWriting<TState>(streamId, version, cancellationToken)
            : await session.Events.FetchForWriting<TState>(streamId, cancellationToken);

        var decision = decide(stream.Aggregate);
        if (!decision.IsRejected && decision.Events.Count > 0)
        {
            stream.AppendMany(decision.Events);
        }

        return (decision, stream.CurrentVersion ?? 0);
    }
}
