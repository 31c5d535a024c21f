using MassTransit.Context;
using MassTransit.Middleware;
using MassTransit.Transports;
using Microsoft.Extensions.Logging;
using Platform.Contracts;
using RabbitMQ.Client;

namespace Platform.Messaging;

/// <summary>
/// Who this service is on the broker, and whom it believes for each contract. RabbitMQ refuses a publish whose
/// AMQP <c>user_id</c> differs from the connection's user, so a <c>user_id</c> on a delivered message names the
/// account that really published it; a contract is believed only from its owner's account
/// (<see cref="ContractOwners"/>).
/// </summary>
public sealed class PublisherTrust
{
    private readonly IConfiguration configuration;

    public PublisherTrust(IConfiguration configuration, string connectionString)
    {
        this.configuration = configuration;
        OwnUser = UserOf(connectionString);
    }

    /// <summary>The broker user this service connects as; every message it sends carries it as <c>user_id</c>.</summary>
    public string OwnUser { get; }

    /// <summary>
    /// The broker user a service publishes as: the service's name unless <c>Messaging:BrokerUsers:&lt;service&gt;</c>
    /// says otherwise (test runs without per-service users map every service to the one admin account).
    /// </summary>
    public string BrokerUserOf(string service) => configuration[$"Messaging:BrokerUsers:{service}"] is { Length: > 0 } user ? user : service;

    /// <summary>The user a contract must come from, or null when no one may publish it to this service.</summary>
    public string? ExpectedPublisherOf(Type contract) => ContractOwners.OwnerOf(contract) is { } owner ? BrokerUserOf(owner) : null;

    /// <summary>The user of an amqp:// connection string; RabbitMQ's client logs in as guest when it names none.</summary>
    public static string UserOf(string connectionString)
    {
        var userInfo = new Uri(connectionString).UserInfo;
        var user = userInfo.Split(':', 2)[0];
        return user.Length > 0 ? Uri.UnescapeDataString(user) : "guest";
    }
}

/// <summary>A contract that did not come from its owner's broker user; it goes to the endpoint's _error queue.</summary>
public sealed class UntrustedPublisherException(string message) : Exception(message);

/// <summary>
/// Refuses every contract whose <c>user_id</c> is not its owner's broker user, before any consumer sees it. The
/// refusal is an exception on purpose: the message lands in the _error queue with the reason in its headers, where
/// an operator finds it, instead of being acknowledged and forgotten. Only type, id and users are logged: the body
/// may carry clinical data.
/// </summary>
public sealed partial class OwnerOnlyFilter<TMessage>(PublisherTrust trust, ILogger<OwnerOnlyFilter<TMessage>> logger)
    : IFilter<ConsumeContext<TMessage>>
    where TMessage : class
{
    public Task Send(ConsumeContext<TMessage> context, IPipe<ConsumeContext<TMessage>> next)
    {
        var expected = trust.ExpectedPublisherOf(typeof(TMessage));
        var actual = context.ReceiveContext.TryGetPayload<RabbitMqBasicConsumeContext>(out var rabbit) ? rabbit.Properties.UserId : null;
        if (expected is not null && string.Equals(actual, expected, StringComparison.Ordinal))
        {
            return next.Send(context);
        }

        // Replayed by this service from its own error queue (ErrorQueues.ReplayAsync): only this service's account can
        // publish with its user_id, and it keeps the publisher it recorded when the message first faulted.
        if (expected is not null && string.Equals(actual, trust.OwnUser, StringComparison.Ordinal)
            && string.Equals(ErrorQueues.OriginalUserOf(rabbit!.Properties), expected, StringComparison.Ordinal))
        {
            return next.Send(context);
        }

        var type = typeof(TMessage).Name;
        var claimed = actual ?? "(none)";
        var owner = expected ?? "(no owner: not a contract)";
        LogRefused(logger, type, context.MessageId, claimed, owner);
        throw new UntrustedPublisherException(
            $"Refused {type} {context.MessageId}: published by broker user {claimed}, but only {owner} speaks for it.");
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("owner-only");

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Refused {MessageType} {MessageId} from broker user {PublishedBy}: only {Owner} may publish it; moved to the error queue")]
    private static partial void LogRefused(ILogger logger, string messageType, Guid? messageId, string publishedBy, string owner);
}

/// <summary>
/// MassTransit moves a faulted or skipped message by republishing it with its original AMQP properties, and RabbitMQ
/// refuses a <c>user_id</c> that is not the mover's own user: a message from another service could then never reach
/// _error (the channel closes and the message loops). These filters move it without the foreign <c>user_id</c>;
/// the original publisher stays readable in the <c>MT-Original-User-Id</c> header.
/// </summary>
public sealed class OwnIdentityErrorTransportFilter : IFilter<ExceptionReceiveContext>
{
    public async Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
    {
        if (!context.TryGetPayload(out IErrorTransport? transport))
        {
            throw new TransportException(context.InputAddress, "The error transport was not available on the receive context.");
        }

        await transport.Send(ForeignUserRemoved.From(context));
        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("move-fault-own-identity");
}

/// <inheritdoc cref="OwnIdentityErrorTransportFilter"/>
public sealed class OwnIdentityDeadLetterFilter : IFilter<ReceiveContext>
{
    public async Task Send(ReceiveContext context, IPipe<ReceiveContext> next)
    {
        if (!context.TryGetPayload(out IDeadLetterTransport? transport))
        {
            throw new TransportException(context.InputAddress, "The dead-letter transport was not available on the receive context.");
        }

        await transport.Send(ForeignUserRemoved.From(context), "skipped");
        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("dead-letter-own-identity");
}

/// <summary>The received message as the move transports see it, minus the publisher's <c>user_id</c>.</summary>
internal class ForeignUserRemoved : ReceiveContextProxy, RabbitMqBasicConsumeContext
{
    private const string OriginalUserHeader = "MT-Original-User-Id";
    private readonly RabbitMqBasicConsumeContext delivery;
    private readonly BasicProperties properties;

    protected ForeignUserRemoved(ReceiveContext context, RabbitMqBasicConsumeContext delivery)
        : base(context)
    {
        this.delivery = delivery;
        properties = new BasicProperties(delivery.Properties) { UserId = null };
        if (delivery.Properties.UserId is { } user)
        {
            properties.Headers = new Dictionary<string, object?>(properties.Headers ?? new Dictionary<string, object?>(), StringComparer.OrdinalIgnoreCase) {
                [OriginalUserHeader] = user,
            };
        }
    }

    public static ExceptionReceiveContext From(ExceptionReceiveContext context) =>
        context.TryGetPayload(out RabbitMqBasicConsumeContext? delivery) && delivery.Properties.UserId is not null
            ? new ForeignUserRemovedException(context, delivery)
            : context;

    public static ReceiveContext From(ReceiveContext context) =>
        context.TryGetPayload(out RabbitMqBasicConsumeContext? delivery) && delivery.Properties.UserId is not null
            ? new ForeignUserRemoved(context, delivery)
            : context;

    public string Exchange => delivery.Exchange;

    public string RoutingKey => delivery.RoutingKey ?? string.Empty;

    public string ConsumerTag => delivery.ConsumerTag;

    public ulong DeliveryTag => delivery.DeliveryTag;

    public IReadOnlyBasicProperties Properties => properties;

    public override bool TryGetPayload<T>(out T payload)
        where T : class
    {
        if (this is T self && typeof(T) == typeof(RabbitMqBasicConsumeContext))
        {
            payload = self;
            return true;
        }

        return base.TryGetPayload(out payload!);
    }

    private sealed class ForeignUserRemovedException(ExceptionReceiveContext context, RabbitMqBasicConsumeContext delivery)
        : ForeignUserRemoved(context, delivery), ExceptionReceiveContext
    {
        public Exception Exception => context.Exception;

        public DateTime ExceptionTimestamp => context.ExceptionTimestamp;

        public ExceptionInfo ExceptionInfo => context.ExceptionInfo;

        public SendHeaders ExceptionHeaders => context.ExceptionHeaders;
    }
}
