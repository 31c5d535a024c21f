using System.Collections.Concurrent;
using System.Diagnostics;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten.Services;
using Marten.Subscriptions;
using Microsoft.Extensions.Logging;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.ServiceDefaults.Outbox;

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
        var outgoing = new List<(IEvent Event, object Message)>(page.Events.Count);
        var parked = new ConcurrentBag<ParkedEvent>();
        foreach (var @event in page.Events)
        {
            if (await fastPath.WasPublishedAsync(@event.Id, cancellationToken))
            {
                continue;
            }

            // A mapping that throws would throw on every retry: the event is parked so the ones after it still go.
            object? message;
            try
            {
                message = map.ToContract(@event);
            }
            catch (Exception ex)
            {
                parked.Add(Park(@event, ex));
                continue;
            }

            if (message is not null)
            {
                outgoing.Add((@event, message));
            }
        }

        await Task.WhenAll(outgoing.GroupBy(x => x.Event.StreamId).Select(async stream =>
        {
            foreach (var (@event, message) in stream)
            {
                if (await PublishAsync(@event, message, cancellationToken) is { } permanent)
                {
                    parked.Add(Park(@event, permanent));
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
        OutboxMetrics.Parked.Add(1, new KeyValuePair<string, object?>("event.type", entry.EventType));
        return entry;
    }

    /// <summary>Publishes until the broker accepts; returns the error when it can never accept this message.</summary>
    private async Task<Exception?> PublishAsync(IEvent @event, object message, CancellationToken cancellationToken)
    {
        using var activity = PlatformTelemetry.Source.StartActivity(
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
    internal static void Address(PublishContext context, IEvent @event)
    {
        context.MessageId = @event.Id;
        ClinicScope.Stamp(context, @event.TenantId);
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

/// <summary>
/// The fast path of the outbox: publishes a session's integration events right after its commit, without making
/// the command wait. It is only an accelerator: a crash, a broker outage or a full buffer here loses nothing,
/// because the events are committed and the durable relay publishes every one the fast path did not get confirmed.
/// Consumers deduplicate on the message id (the event id), so a message both paths sent is applied once.
/// Messages of one stream may then arrive out of order, which consumers already have to tolerate.
/// </summary>
public sealed partial class PostCommitPublisher : DocumentSessionListenerBase
{
    // Past this the relay is surely past the event, or it is not running on this node (hot/cold): forget it.
    private static readonly TimeSpan Remember = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(5);
    private const int PruneAbove = 50_000;

    private readonly IBus bus;
    private readonly IIntegrationEventMap map;
    private readonly ILogger<PostCommitPublisher> logger;
    // Events the fast path has taken on: the task says whether the broker confirmed them.
    private readonly ConcurrentDictionary<Guid, (TaskCompletionSource<bool> Outcome, long Since)> taken = new();
    private int pruning;

    public PostCommitPublisher(IBus bus, IIntegrationEventMap map, ILogger<PostCommitPublisher> logger)
    {
        this.bus = bus;
        this.map = map;
        this.logger = logger;
    }

    public bool Enabled { get; init; }

    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        if (!Enabled)
        {
            return Task.CompletedTask;
        }

        List<(IEvent Event, object Message, TaskCompletionSource<bool> Outcome)>? outgoing = null;
        foreach (var @event in commit.GetEvents())
        {
            if (TryMap(@event) is { } message)
            {
                var outcome = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                taken[@event.Id] = (outcome, Environment.TickCount64);
                (outgoing ??= []).Add((@event, message, outcome));
            }
        }

        if (outgoing is not null)
        {
            // Not awaited: the command has committed and answers now; the relay is the guarantee, not this.
            _ = PublishAsync(outgoing, Activity.Current?.Context);
        }

        return Task.CompletedTask;
    }

    /// <summary>The command has committed: a mapping that throws is the relay's to park, never the caller's error.</summary>
    private object? TryMap(IEvent @event)
    {
        try
        {
            return map.ToContract(@event);
        }
        catch (Exception ex)
        {
            LogFastPathMissed(logger, @event.EventTypeName ?? @event.EventType.Name, ex.GetType().Name);
            return null;
        }
    }

    /// <summary>
    /// True (and forgotten) when the fast path had this event confirmed by the broker; a publish still under way
    /// is waited for briefly, so the relay catching up with the fast path does not send a second copy.
    /// </summary>
    public async Task<bool> WasPublishedAsync(Guid eventId, CancellationToken cancellationToken)
    {
        if (!taken.TryRemove(eventId, out var entry))
        {
            return false;
        }

        try
        {
            return await entry.Outcome.Task.WaitAsync(PublishTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private async Task PublishAsync(List<(IEvent Event, object Message, TaskCompletionSource<bool> Outcome)> outgoing, ActivityContext? parent)
    {
        var failed = false;
        foreach (var (@event, message, outcome) in outgoing)
        {
            if (failed)
            {
                outcome.TrySetResult(false);
                continue;
            }

            try
            {
                using var activity = PlatformTelemetry.Source.StartActivity(
                    "outbox fast publish " + message.GetType().Name, ActivityKind.Producer, parent ?? default);
                activity?.SetTag("messaging.message.id", @event.Id);
                using var timeout = new CancellationTokenSource(PublishTimeout);
                await bus.Publish(message, message.GetType(), context => OutboxRelay.Address(context, @event), timeout.Token);
                outcome.TrySetResult(true);
            }
            catch (Exception ex)
            {
                // Stop here so this stream's later events are not overtaken; the relay publishes the rest.
                LogFastPathMissed(logger, message.GetType().Name, ex.GetType().Name);
                outcome.TrySetResult(false);
                failed = true;
            }
        }

        if (taken.Count > PruneAbove && Interlocked.Exchange(ref pruning, 1) == 0)
        {
            var cutoff = Environment.TickCount64 - (long)Remember.TotalMilliseconds;
            foreach (var entry in taken)
            {
                if (entry.Value.Since < cutoff)
                {
                    taken.TryRemove(entry.Key, out _);
                }
            }

            Volatile.Write(ref pruning, 0);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Post-commit publish of {MessageType} failed ({Error}); the relay will publish it")]
    private static partial void LogFastPathMissed(ILogger logger, string messageType, string error);
}
