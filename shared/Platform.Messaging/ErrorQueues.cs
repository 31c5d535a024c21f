using System.Security.Cryptography;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Platform.Messaging;

/// <summary>A service's own <c>_error</c> queue and how many messages wait in it.</summary>
public sealed record ErrorQueueCount(string Queue, uint Messages);

/// <summary>
/// A message that faulted into an <c>_error</c> queue, as an operator needs to see it: never the body, which may
/// carry clinical data.
/// </summary>
public sealed record FaultedMessage(
    string Queue, string? MessageId, string? MessageType, string? ConsumerType, string? Reason, DateTimeOffset? FaultedAt);

/// <summary>
/// The <c>_error</c> queues of this service's own receive endpoints, read over AMQP (the management API is not
/// always there): counts for readiness, a look at what faulted, and moving messages back to be consumed again.
/// </summary>
public sealed class ErrorQueues : IAsyncDisposable
{
    public const string Suffix = "_error";
    private const string OriginalUserHeader = "MT-Original-User-Id";
    private const int MaxListed = 200;

    // Readiness is probed every few seconds by every load balancer; the broker is asked at most this often.
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private readonly string connectionString;
    private readonly string ownUser;
    private readonly SortedSet<string> endpoints = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim gate = new(1, 1);
    private IConnection? connection;
    private (long At, IReadOnlyList<ErrorQueueCount> Counts)? cached;

    public ErrorQueues(string connectionString, string ownUser)
    {
        this.connectionString = connectionString;
        this.ownUser = ownUser;
    }

    /// <summary>The service's receive endpoints (queue names), as MassTransit configured them.</summary>
    public IReadOnlyList<string> Endpoints
    {
        get
        {
            lock (endpoints)
            {
                return [.. endpoints];
            }
        }
    }

    internal void Add(string endpoint)
    {
        lock (endpoints)
        {
            endpoints.Add(endpoint);
        }
    }

    public bool IsOwn(string endpoint) => Endpoints.Contains(endpoint, StringComparer.Ordinal);

    /// <summary>Messages waiting in each error queue (a passive declare: nothing is created or consumed).</summary>
    public async Task<IReadOnlyList<ErrorQueueCount>> CountsAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } fresh)
        {
            return fresh;
        }

        return await ReadAsync(
            async open =>
            {
                if (Fresh() is { } again)
                {
                    return again;
                }

                var counts = new List<ErrorQueueCount>();
                foreach (var endpoint in Endpoints)
                {
                    counts.Add(new ErrorQueueCount(endpoint + Suffix, await CountAsync(open, endpoint + Suffix, cancellationToken)));
                }

                cached = (Environment.TickCount64, counts);
                return counts;
            },
            cancellationToken);
    }

    /// <summary>
    /// What faulted, oldest first, read without taking it off the queue: in every error queue, or only in the one of
    /// <paramref name="endpoint"/>.
    /// </summary>
    public Task<IReadOnlyList<FaultedMessage>> ListAsync(string? endpoint, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<FaultedMessage>>(
            async open =>
            {
                var listed = new List<FaultedMessage>();
                foreach (var own in endpoint is null ? Endpoints : [endpoint])
                {
                    var queue = own + Suffix;
                    // Unacknowledged gets go back to the queue, in order, when the channel closes.
                    await using var channel = await open.CreateChannelAsync(cancellationToken: cancellationToken);
                    try
                    {
                        while (listed.Count < MaxListed && await channel.BasicGetAsync(queue, autoAck: false, cancellationToken) is { } message)
                        {
                            listed.Add(Describe(queue, message.BasicProperties, message.Body));
                        }
                    }
                    catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
                    {
                        // Not declared yet: nothing ever faulted there.
                    }
                }

                return listed;
            },
            cancellationToken);

    /// <summary>
    /// The ETag of an error queue's content: a hash of its messages' ids, sorted (a message requeued after a look may
    /// change its place, not what the queue holds), duplicates counted.
    /// </summary>
    public static string ETagOf(IEnumerable<string?> messageIds)
    {
        var ids = string.Join('\n', messageIds.Select(id => id ?? string.Empty).Order(StringComparer.Ordinal));
        return $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ids)).AsSpan(0, 16))}\"";
    }

    /// <summary>
    /// Moves the endpoint's faulted messages (or only the one with <paramref name="messageId"/>) back to the endpoint,
    /// each confirmed by the broker before it leaves the error queue; returns how many moved. With
    /// <paramref name="expected"/> (an <see cref="ETagOf"/> the operator listed) nothing moves, and null is returned,
    /// unless the queue still holds exactly the messages listed: a replay never moves a message the operator has not seen.
    /// </summary>
    public async Task<int?> ReplayAsync(string endpoint, string? messageId, string? expected, CancellationToken cancellationToken)
    {
        if (!IsOwn(endpoint))
        {
            throw new ArgumentException($"{endpoint} is not a receive endpoint of this service.", nameof(endpoint));
        }

        try
        {
            for (var attempt = 1; ; attempt++)
            {
                // Never run twice on a closed connection: messages moved before a failure are already back on the endpoint.
                var moved = await ExclusiveAsync(open => MoveBackAsync(open, endpoint, messageId, expected, cancellationToken), rerunOnClosedConnection: false, cancellationToken);
                // A refusal moved nothing. Messages another look held return to the queue a moment after its channel
                // closed, so the queue can seem to differ from the ETag for that moment: looked at again before refusing.
                if (moved is not null || attempt == 3)
                {
                    return moved;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken);
            }
        }
        finally
        {
            cached = null;
        }
    }

    private async Task<int?> MoveBackAsync(IConnection open, string endpoint, string? messageId, string? expected, CancellationToken cancellationToken)
    {
        await using var channel = await open.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        uint waiting;
        try
        {
            waiting = (await channel.QueueDeclarePassiveAsync(endpoint + Suffix, cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
        {
            return expected is null || expected == ETagOf([]) ? 0 : null;
        }

        // Only what was there at the start: a message that faults again meanwhile waits for the next replay. All are
        // taken (unacknowledged) before any moves, so the condition is judged on the whole queue.
        var taken = new List<BasicGetResult>();
        for (var i = 0; i < waiting && await channel.BasicGetAsync(endpoint + Suffix, autoAck: false, cancellationToken) is { } message; i++)
        {
            taken.Add(message);
        }

        if (expected is not null && expected != ETagOf(taken.Select(m => m.BasicProperties.MessageId)))
        {
            return null; // none acknowledged: all back in the error queue when the channel closes
        }

        var moved = 0;
        foreach (var message in taken)
        {
            if (messageId is not null && !string.Equals(message.BasicProperties.MessageId, messageId, StringComparison.OrdinalIgnoreCase))
            {
                continue; // left unacknowledged: back in the error queue when the channel closes
            }

            // The endpoint's own exchange (the service may write to it); with this service's user_id, which the
            // broker enforces, and the original publisher in MT-Original-User-Id for the owner check.
            await channel.BasicPublishAsync(endpoint, string.Empty, mandatory: true, Replayed(message.BasicProperties), message.Body, cancellationToken);
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
            moved++;
        }

        return moved;
    }

    private Task<T> ReadAsync<T>(Func<IConnection, Task<T>> read, CancellationToken cancellationToken) =>
        ExclusiveAsync(read, rerunOnClosedConnection: true, cancellationToken);

    /// <summary>
    /// One broker conversation at a time on the shared connection (the client does not support closing channels
    /// concurrently). A missing queue is a channel error the broker closes the channel for, and the client has had
    /// bugs where that close took the whole connection down (rabbitmq-dotnet-client #1749, #1865), so a read that
    /// finds its connection closed runs once more on a new one instead of answering 500.
    /// </summary>
    private async Task<T> ExclusiveAsync<T>(Func<IConnection, Task<T>> work, bool rerunOnClosedConnection, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            try
            {
                return await work(await ConnectAsync(cancellationToken));
            }
            catch (OperationInterruptedException) when (rerunOnClosedConnection && connection is { IsOpen: false })
            {
                return await work(await ConnectAsync(cancellationToken));
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }

        gate.Dispose();
    }

    private IReadOnlyList<ErrorQueueCount>? Fresh() =>
        cached is { } c && Environment.TickCount64 - c.At < CacheFor.TotalMilliseconds ? c.Counts : null;

    private async Task<IConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        if (connection is { IsOpen: true } open)
        {
            return open;
        }

        if (connection is not null)
        {
            await connection.DisposeAsync();
        }

        connection = await new ConnectionFactory {
            Uri = new Uri(connectionString),
            ClientProvidedName = "error-queue-monitor",
            AutomaticRecoveryEnabled = false,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
        }.CreateConnectionAsync(cancellationToken);
        return connection;
    }

    private static async Task<uint> CountAsync(IConnection open, string queue, CancellationToken cancellationToken)
    {
        await using var channel = await open.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
        {
            return 0;
        }
    }

    private BasicProperties Replayed(IReadOnlyBasicProperties faulted)
    {
        var headers = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in faulted.Headers ?? new Dictionary<string, object?>())
        {
            // The fault of the last attempt is not the message's; a new fault writes its own.
            if (!key.StartsWith("MT-Fault-", StringComparison.OrdinalIgnoreCase) && !key.Equals(MessageHeaders.Reason, StringComparison.OrdinalIgnoreCase))
            {
                headers[key] = value;
            }
        }

        return new BasicProperties(faulted) { UserId = ownUser, Headers = headers };
    }

    private static FaultedMessage Describe(string queue, IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body)
    {
        var headers = properties.Headers ?? new Dictionary<string, object?>();
        return new FaultedMessage(
            queue,
            properties.MessageId,
            Header(headers, MessageHeaders.FaultMessageType) ?? Header(headers, MessageHeaders.MessageType) ?? properties.Type ?? EnvelopeTypeOf(body),
            Header(headers, MessageHeaders.FaultConsumerType),
            Header(headers, MessageHeaders.FaultMessage),
            DateTimeOffset.TryParse(Header(headers, MessageHeaders.FaultTimestamp), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                ? at
                : null);
    }

    /// <summary>The message type MassTransit's envelope names; only that is read from the body, nothing else leaves.</summary>
    private static string? EnvelopeTypeOf(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var envelope = JsonDocument.Parse(body);
            return envelope.RootElement.TryGetProperty("messageType", out var types) && types.ValueKind == JsonValueKind.Array
                ? string.Join(", ", types.EnumerateArray().Select(t => t.GetString()))
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Header(IDictionary<string, object?> headers, string key) =>
        headers.TryGetValue(key, out var value)
            ? value switch {
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                null => null,
                _ => Convert.ToString(value, CultureInfo.InvariantCulture),
            }
            : null;

    /// <summary>The user a replayed message was first published by, for the owner check.</summary>
    internal static string? OriginalUserOf(IReadOnlyBasicProperties properties) =>
        properties.Headers is { } headers ? Header(headers, OriginalUserHeader) : null;
}
