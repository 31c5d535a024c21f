using System.Diagnostics;
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
        foreach (var @event in page.Events)
        {
            var message = map.ToContract(@event);
            if (message is null)
            {
                continue;
            }

            using var activity = PlatformTelemetry.Source.StartActivity(
                "outbox publish " + message.GetType().Name,
                ActivityKind.Producer,
                TraceHeaders.ParentOf(@event) ?? default);
            activity?.SetTag("messaging.message.id", @event.Id);

            await PublishUntilAcceptedAsync(@event.Id, @event.Sequence, message, cancellationToken);
        }

        return NullChangeListener.Instance;
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
