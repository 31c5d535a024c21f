using System.Text.Json.Serialization;
using Platform.Contracts;

namespace Platform.Messaging;

/// <summary>
/// A message that arrived before what it acts on (a safety hold before the approval that opens the course, a dosing
/// session before the outcome record): the broker does not order messages across services, and the order two
/// services' messages arrive in is not a clinical fact. Kept durably, with the consumer's processed marker, until the
/// stream it acts on can take it (<see cref="EarlyMessages.Apply{TState}"/>).
/// </summary>
/// <param name="Id"><c>"{Type}:{key}"</c>, the key given by the caller (a hold id, a session id): a redelivery overwrites the same row.</param>
/// <param name="StreamKey">The stream the message acts on (the course id): what the opening reads.</param>
/// <param name="Type">The contract's type name in <c>Platform.Contracts</c>, the only assembly <see cref="Read"/> resolves from.</param>
/// <param name="Body">The contract as the broker's wire format writes it (web defaults, enums by name).</param>
/// <param name="HappenedAt">When the fact happened (a hold placed, a dose started): orders the replay.</param>
/// <param name="KeptAt">When it was kept: breaks ties between facts of the same instant, first kept first.</param>
public sealed record EarlyMessage(string Id, Guid StreamKey, string Type, JsonElement Body, DateTimeOffset HappenedAt, DateTimeOffset KeptAt)
{
    /// <summary>The message, kept for a stream not ready for it yet.</summary>
    public static EarlyMessage Of<T>(Guid streamKey, string key, T message, DateTimeOffset happenedAt, DateTimeOffset now)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var type = typeof(T).Name;
        return new EarlyMessage($"{type}:{key}", streamKey, type, JsonSerializer.SerializeToElement(message, EarlyMessages.Json), happenedAt, now);
    }

    /// <summary>
    /// The contract again. Resolved only among the contracts, never from an arbitrary type name: a row in the
    /// database must not choose which .NET type is instantiated.
    /// </summary>
    public object Read()
    {
        var type = typeof(PatientApprovedForTreatment).Assembly.GetType("Platform.Contracts." + Type)
            ?? throw new InvalidOperationException($"Kept message {Id} names {Type}, which is not a contract in Platform.Contracts.");
        return Body.Deserialize(type, EarlyMessages.Json)
            ?? throw new InvalidOperationException($"Kept message {Id} has an empty body.");
    }
}

/// <summary>What <see cref="EarlyMessages.Apply{TState}"/> made of the kept messages.</summary>
/// <param name="Decision">The first decision's events and every applied message's, in order; or the first decision, rejected.</param>
/// <param name="Applied">Taken by the stream: the caller deletes them in the same transaction.</param>
/// <param name="Waiting">Not yet applicable (a release whose hold is not recorded): they stay kept.</param>
/// <param name="Refused">Refused by the stream: the caller decides (log and keep, or fail the delivery).</param>
public sealed record EarlyOutcome(
    Decision Decision,
    IReadOnlyList<EarlyMessage> Applied,
    IReadOnlyList<EarlyMessage> Waiting,
    IReadOnlyList<(EarlyMessage Message, Rejection Rejection)> Refused);

/// <summary>
/// The one way the services keep a message that arrived early and apply it once its stream can take it. Callers keep
/// and apply under the stream's lock (<see cref="IdempotentConsumer{TMessage}"/>'s <c>LockStreamAsync</c>), so a
/// message kept while the opening reads the kept ones is never missed.
/// </summary>
public static class EarlyMessages
{
    /// <summary>
    /// The broker's wire format (web defaults, enums by name), so a kept message reads as it was delivered, and its PHI
    /// sealed as on the broker.
    /// </summary>
    internal static readonly JsonSerializerOptions Json = Platform.Privacy.PhiSealing.SealIn(new(JsonSerializerDefaults.Web) {
        Converters = { new JsonStringEnumConverter() },
    });

    /// <summary>Keeps (upserts) <paramref name="message"/> for <paramref name="streamKey"/> in the caller's transaction.</summary>
    public static void Keep<T>(IDocumentSession session, Guid streamKey, string key, T message, DateTimeOffset happenedAt, DateTimeOffset now)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(session);
        session.Store(EarlyMessage.Of(streamKey, key, message, happenedAt, now));
    }

    /// <summary>The messages kept for <paramref name="streamKey"/>, in the order they happened.</summary>
    public static async Task<IReadOnlyList<EarlyMessage>> ForAsync(IQuerySession session, Guid streamKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        var kept = await session.Query<EarlyMessage>().Where(m => m.StreamKey == streamKey).ToListAsync(ct);
        // Ordered here rather than in SQL: a course keeps a handful at most, and the order must not depend on how
        // the document's timestamps compare as JSON text.
        return [.. kept.OrderBy(m => m.HappenedAt).ThenBy(m => m.KeptAt)];
    }

    /// <summary>
    /// Pure: the state after <paramref name="first"/> (the opening, or nothing for a stream that exists), then each
    /// kept message in the order it happened through <paramref name="apply"/>, which answers null while the message
    /// must still wait, a rejection when the stream refuses it, or the message's decision. Passes repeat over the
    /// waiting ones until one applies nothing, so a message that waits for another (a release for its hold) is
    /// applied whatever order they sort in. A rejected <paramref name="first"/> is returned untouched, nothing applied.
    /// </summary>
    public static EarlyOutcome Apply<TState>(
        Decision first,
        TState? before,
        IEnumerable<EarlyMessage> messages,
        Func<TState?, object, TState?> evolve,
        Func<object, TState?, Decision?> apply)
        where TState : class
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(evolve);
        ArgumentNullException.ThrowIfNull(apply);
        var ordered = messages.OrderBy(m => m.HappenedAt).ThenBy(m => m.KeptAt).ToList();
        if (first.IsRejected)
        {
            return new EarlyOutcome(first, [], ordered, []);
        }

        var events = first.Events.ToList();
        var state = events.Aggregate(before, evolve);
        var applied = new List<EarlyMessage>();
        var refused = new List<(EarlyMessage, Rejection)>();
        var waiting = ordered.Select(m => (Kept: m, Message: m.Read())).ToList();
        bool progressed;
        do
        {
            progressed = false;
            var still = new List<(EarlyMessage Kept, object Message)>();
            foreach (var (kept, message) in waiting)
            {
                switch (apply(message, state))
                {
                    case null:
                        still.Add((kept, message));
                        break;
                    case { Rejection: { } rejection }:
                        refused.Add((kept, rejection));
                        break;
                    case { } decision:
                        events.AddRange(decision.Events);
                        state = decision.Events.Aggregate(state, evolve);
                        applied.Add(kept);
                        progressed = true;
                        break;
                }
            }

            waiting = still;
        }
        while (progressed && waiting.Count > 0);

        return new EarlyOutcome(Decision.Accept(events), applied, [.. waiting.Select(w => w.Kept)], refused);
    }
}
