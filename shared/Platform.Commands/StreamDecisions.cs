namespace Platform.Commands;

public static class StreamDecisions
{
    /// <summary>
    /// Loads the stream's state for writing (at <paramref name="expectedVersion"/> when given), runs the pure
    /// decide function and appends its events to the session. The caller commits, so a consumer can commit the
    /// events together with its processed-message marker.
    /// </summary>
    /// <param name="occurredAt">
    /// When a back-entered command's facts happened: refused when before the last fact on the stream (a command that
    /// changes nothing is never refused), else kept as the events' <see cref="OccurredAt.EventHeader"/>.
    /// </param>
    public static async Task<(Decision Decision, long Version)> DecideAsync<TState>(
        this IDocumentSession session,
        Guid streamId,
        long? expectedVersion,
        Func<TState?, Decision> decide,
        CancellationToken cancellationToken,
        DateTimeOffset? occurredAt = null)
        where TState : class
    {
        var stream = expectedVersion is { } version
            ? await session.Events.FetchForWriting<TState>(streamId, version, cancellationToken)
            : await session.Events.FetchForWriting<TState>(streamId, cancellationToken);

        var decision = decide(stream.Aggregate);
        if (decision.IsRejected || decision.Events.Count == 0)
        {
            return (decision, stream.CurrentVersion ?? 0);
        }

        if (occurredAt is { } at)
        {
            if (stream.CurrentVersion is { } current and > 0
                && OccurredAt.BeforeRecord(at, await LastFactAsync(session, streamId, current, cancellationToken)) is { } refused)
            {
                return (refused, current);
            }

            OccurredAt.Stamp(session, at);
        }

        stream.AppendMany(decision.Events);
        return (decision, stream.CurrentVersion ?? 0);
    }

    /// <summary>When the stream's last fact happened: its clinical header if it has one, else when it was recorded.</summary>
    private static async Task<DateTimeOffset> LastFactAsync(IDocumentSession session, Guid streamId, long version, CancellationToken cancellationToken)
    {
        var last = (await session.Events.FetchStreamAsync(streamId, version, fromVersion: version, token: cancellationToken)).Single();
        return OccurredAt.FromEventHeader(last.Headers) ?? last.Timestamp;
    }
}
