using System.Collections.Concurrent;
using System.Diagnostics;
using JasperFx.Events;
using Marten.Services;
using Microsoft.Extensions.Logging;

namespace Platform.Messaging;

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

        List<(IEvent Event, IReadOnlyList<object> Messages, TaskCompletionSource<bool> Outcome)>? outgoing = null;
        foreach (var @event in commit.GetEvents())
        {
            if (TryMap(@event) is { Count: > 0 } messages)
            {
                var outcome = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                taken[@event.Id] = (outcome, Environment.TickCount64);
                (outgoing ??= []).Add((@event, messages, outcome));
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
    private IReadOnlyList<object>? TryMap(IEvent @event)
    {
        try
        {
            return map.ToContracts(@event);
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

    private async Task PublishAsync(List<(IEvent Event, IReadOnlyList<object> Messages, TaskCompletionSource<bool> Outcome)> outgoing, ActivityContext? parent)
    {
        var failed = false;
        foreach (var (@event, messages, outcome) in outgoing)
        {
            // Confirmed only when every version of the event is: otherwise the relay publishes them all again.
            foreach (var message in messages)
            {
                if (failed)
                {
                    break;
                }

                try
                {
                    using var activity = OutboxTelemetry.Source.StartActivity(
                        "outbox fast publish " + message.GetType().Name, ActivityKind.Producer, parent ?? default);
                    activity?.SetTag("messaging.message.id", @event.Id);
                    using var timeout = new CancellationTokenSource(PublishTimeout);
                    await bus.Publish(message, message.GetType(), context => OutboxRelay.Address(context, @event), timeout.Token);
                }
                catch (Exception ex)
                {
                    // Stop here so this stream's later events are not overtaken; the relay publishes the rest.
                    LogFastPathMissed(logger, message.GetType().Name, ex.GetType().Name);
                    failed = true;
                }
            }

            outcome.TrySetResult(!failed);
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
