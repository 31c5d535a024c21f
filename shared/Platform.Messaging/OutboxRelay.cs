using System.Collections.Concurrent;
using System.Diagnostics;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten.Subscriptions;
using Microsoft.Extensions.Logging;

namespace Platform.Messaging;

/// <summary>
/// The durable outbox: a subscription in the async daemon that publishes committed events other services need.
/// The daemon saves its progress only after this returns, so delivery is at least once; a broker outage is
/// waited out here rather than skipped, and rolled-back commands never reach the event table, so they never publish.
/// </summary>
public sealed partial class OutboxRelay : SubscriptionBase
{
    public const string SubscriptionName = "outbox-relay";

    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    private readonly IBus bus;
    private readonly IIntegrationEventMap map;
    private readonly ILogger<OutboxRelay> logger;
    private readonly PostCommitPublisher fastPath;
    private readonly TimeProvider time;

    public OutboxRelay(IBus bus, IIntegrationEventMap map, ILogger<OutboxRelay> logger, PostCommitPublisher fastPath, TimeProvider time)
    {
        this.bus = bus;
        this.map = map;
        this.logger = logger;
        this.fastPath = fastPath;
        this.time = time;
        Name = SubscriptionName;
        Options.BatchSize = 100;
    }

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page,
        ISubscriptionController controller,
        IDocumentOperations operations,
        CancellationToken cancellationToken)
    {
        // Streams are independent, so their messages go out concurrently; within a stream they stay in order.
        // What the post-commit fast path had confirmed by the broker is durable there; publishing it again would
        // only double the broker's and the consumers' work (and race the consumers against their own duplicate).
        var outgoing = new List<(IEvent Event, IReadOnlyList<object> Messages)>(page.Events.Count);
        var parked = new ConcurrentBag<ParkedEvent>();
        foreach (var @event in page.Events)
        {
            if (await fastPath.WasPublishedAsync(@event.Id, cancellationToken))
            {
                continue;
            }

            // A mapping that throws would throw on every retry: the event is parked so the ones after it still go.
            IReadOnlyList<object> messages;
            try
            {
                messages = map.ToContracts(@event);
            }
            catch (Exception ex)
            {
                parked.Add(Park(@event, ex));
                continue;
            }

            if (messages.Count > 0)
            {
                outgoing.Add((@event, messages));
            }
        }

        await Task.WhenAll(outgoing.GroupBy(x => x.Event.StreamId).Select(async stream =>
        {
            foreach (var (@event, messages) in stream)
            {
                // Every version of the event goes out under its id; one that can never be sent parks the event, and a
                // replay sends all of them again (consumers apply the versions of one event once).
                foreach (var message in messages)
                {
                    if (await PublishAsync(@event, message, cancellationToken) is { } permanent)
                    {
                        parked.Add(Park(@event, permanent));
                        break;
                    }
                }
            }
        }));

        // Committed by the daemon together with its progress: a parked event is never both skipped and unrecorded.
        foreach (var entry in parked)
        {
            operations.Store(entry);
        }

        return NullChangeListener.Instance;
    }

    private ParkedEvent Park(IEvent @event, Exception error)
    {
        var entry = ParkedEvent.From(@event, error, time.GetUtcNow());
        LogParked(logger, entry.EventType, @event.Sequence, error.GetType().Name, error.Message);
        OutboxTelemetry.Parked.Add(1, new KeyValuePair<string, object?>("event.type", entry.EventType));
        return entry;
    }

    /// <summary>Publishes until the broker accepts; returns the error when it can never accept this message.</summary>
    private async Task<Exception?> PublishAsync(IEvent @event, object message, CancellationToken cancellationToken)
    {
        using var activity = OutboxTelemetry.Source.StartActivity(
            "outbox publish " + message.GetType().Name,
            ActivityKind.Producer,
            TraceHeaders.ParentOf(@event) ?? default);
        activity?.SetTag("messaging.message.id", @event.Id);
        return await PublishUntilAcceptedAsync(@event, message, cancellationToken);
    }

    private async Task<Exception?> PublishUntilAcceptedAsync(IEvent @event, object message, CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromMilliseconds(250);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(AttemptTimeout);
                await bus.Publish(message, message.GetType(), context => Address(context, @event), timeout.Token);
                return null;
            }
            catch (Exception ex) when (PublishFailures.IsPermanent(ex))
            {
                return ex;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogPublishFailed(logger, message.GetType().Name, @event.Sequence, attempt, ex.GetType().Name);
                await Task.Delay(backoff, cancellationToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    /// <summary>The event id is the message id (consumers deduplicate on it) and the event's clinic goes with it.</summary>
    public static void Address(PublishContext context, IEvent @event)
    {
        context.MessageId = @event.Id;
        ClinicMessages.Stamp(context, @event.TenantId);
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Outbox parked {EventType} (event sequence {Sequence}): {ErrorType}: {Error}; the events after it are still published")]
    private static partial void LogParked(ILogger logger, string eventType, long sequence, string errorType, string error);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Outbox could not publish {MessageType} (event sequence {Sequence}, attempt {Attempt}): {Error}; retrying")]
    private static partial void LogPublishFailed(ILogger logger, string messageType, long sequence, int attempt, string error);
}

/// <summary>How committed events reach the broker; <c>Outbox:Delivery</c> in configuration.</summary>
public enum OutboxDelivery
{
    /// <summary>The relay alone, woken by the daemon's polling (about a second when idle).</summary>
    Polling,

    /// <summary>The relay alone, woken by PostgreSQL NOTIFY on every append and polling fast.</summary>
    ListenNotify,

    /// <summary>
    /// Each committed event is published straight after its commit (milliseconds), and the polling relay
    /// publishes whatever that fast path could not get confirmed.
    /// </summary>
    PostCommit,
}
