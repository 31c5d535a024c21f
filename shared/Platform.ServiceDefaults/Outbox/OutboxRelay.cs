using System.Diagnostics;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MassTransit;
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

    public OutboxRelay(IBus bus, IIntegrationEventMap map, ILogger<OutboxRelay> logger)
    {
        this.bus = bus;
        this.map = map;
        this.logger = logger;
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
        var streams = page.Events
            .Select(e => (Event: e, Message: map.ToContract(e)))
            .Where(x => x.Message is not null)
            .GroupBy(x => x.Event.StreamId);
        await Task.WhenAll(streams.Select(async stream =>
        {
            foreach (var (@event, message) in stream)
            {
                await PublishAsync(@event, message!, cancellationToken);
            }
        }));

        return NullChangeListener.Instance;
    }

    private async Task PublishAsync(IEvent @event, object message, CancellationToken cancellationToken)
    {
        using var activity = PlatformTelemetry.Source.StartActivity(
            "outbox publish " + message.GetType().Name,
            ActivityKind.Producer,
            TraceHeaders.ParentOf(@event) ?? default);
        activity?.SetTag("messaging.message.id", @event.Id);
        await PublishUntilAcceptedAsync(@event.Id, @event.Sequence, message, cancellationToken);
    }

    private async Task PublishUntilAcceptedAsync(Guid eventId, long sequence, object message, CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromMilliseconds(250);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(AttemptTimeout);
                await bus.Publish(message, message.GetType(), context => context.MessageId = eventId, timeout.Token);
                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogPublishFailed(logger, message.GetType().Name, sequence, attempt, ex.GetType().Name);
                await Task.Delay(backoff, cancellationToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Outbox could not publish {MessageType} (event sequence {Sequence}, attempt {Attempt}): {Error}; retrying")]
    private static partial void LogPublishFailed(ILogger logger, string messageType, long sequence, int attempt, string error);
}
