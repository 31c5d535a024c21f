using Platform.Commands;
using Platform.Contracts;

namespace Platform.Messaging;

/// <summary>
/// Handles a message at most once in effect: the processed marker and the consumer's own changes commit in one
/// Marten transaction, so a redelivered message finds the marker and is acknowledged without a second effect.
/// </summary>
/// <remarks>
/// The marker is not read before the work: it is inserted with it, and a redelivery's insert collides with the
/// committed marker at the commit, which rolls the redelivery's work back. Only then (or when the work throws) is the
/// marker read, so a first delivery, the common case, costs one round trip less.
/// </remarks>
public abstract class IdempotentConsumer<TMessage>(ISessionFactory sessions, ClinicClock clock) : IConsumer<TMessage>
    where TMessage : class
{
    /// <summary>The clinic clock, for the consumer's decide function.</summary>
    protected ClinicClock Clock { get; } = clock;

    public Task Consume(ConsumeContext<TMessage> context) => ConsumeAsync(context, context.Message);

    /// <summary>
    /// Handles <paramref name="message"/> delivered in <paramref name="context"/>: the message itself, or an earlier
    /// version of its contract upcast to it at the boundary (a consumer of v2 that also takes v1). Both go through the
    /// one handling path under the same marker (<see cref="DeduplicationKey"/>), so the two copies of one event have one effect.
    /// </summary>
    protected async Task ConsumeAsync(ConsumeContext context, TMessage message)
    {
        ArgumentNullException.ThrowIfNull(context);
        var key = DeduplicationKey(context);
        await using var session = sessions.OpenSession();
        session.Insert(new ProcessedMessage(key, typeof(TMessage).Name, Clock.Now().Utc));
        try
        {
            await HandleAsync(session, message, context.CancellationToken);
            await session.SaveChangesAsync(context.CancellationToken);
        }
        catch (Exception) when (!context.CancellationToken.IsCancellationRequested)
        {
            // A redelivery (or a concurrent delivery) of a message already handled: its work was refused or rolled
            // back with the colliding marker, and there is nothing left to do. Anything else goes to retry and the
            // error queue.
            await using var check = sessions.QuerySession();
            if (await check.LoadAsync<ProcessedMessage>(key, context.CancellationToken) is null)
            {
                throw;
            }
        }
    }

    /// <summary>
    /// The contract's family (its first version's name: <see cref="ContractVersions"/>) and the message id, so every
    /// version of one event, and the markers an earlier release stored under the first version's name, are one key.
    /// Override with a business key where the producer may mint new ids.
    /// </summary>
    protected virtual string DeduplicationKey(ConsumeContext context) =>
        $"{ContractVersions.FamilyOf(typeof(TMessage))}:{context.MessageId ?? throw new InvalidOperationException("Message has no MessageId.")}";

    protected abstract Task HandleAsync(IDocumentSession session, TMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Serialises this transaction with every other consumer's that locks the same stream, until it commits. Two
    /// messages about one course that each read what the other writes (an opening and a message kept until the
    /// opening) would otherwise both miss each other under read committed, and the kept one would never be applied.
    /// </summary>
    protected static async Task LockStreamAsync(IDocumentSession session, Guid streamId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        await session.BeginTransactionAsync(cancellationToken);
        await session.QueryAsync<int>(
            "select 1 from (select pg_advisory_xact_lock(?)) as locked", cancellationToken, BitConverter.ToInt64(streamId.ToByteArray()));
    }
}
