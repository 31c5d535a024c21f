using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Platform.Testing;

/// <summary>Raw AMQP against the run's broker, to see what the broker itself allows and what sits in a queue.</summary>
public static class Broker
{
    /// <summary>The exchange MassTransit publishes a contract to, under a host's entity prefix.</summary>
    public static string ExchangeOf(Type contract, string entityPrefix) => $"{entityPrefix}{contract.Namespace}:{contract.Name}";

    /// <summary>Declares the exchange as the admin account, the way the owner's bus would on its first publish.</summary>
    public static async Task DeclareExchangeAsync(string exchange)
    {
        await using var connection = await ConnectAsync(await AdminAsync());
        await using var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
    }

    /// <summary>
    /// Publishes one confirmed message to the exchange logged in as <paramref name="service"/>'s broker user, and
    /// returns null when the broker took it or the AMQP reply code it closed the channel with (403: access refused).
    /// </summary>
    public static async Task<ushort?> PublishAsAsync(string service, string exchange, Guid? messageId = null)
    {
        var connectionString = TestInfrastructure.RabbitMqAs(await AdminAsync(), service);
        await using var connection = await ConnectAsync(connectionString);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        try
        {
            await channel.BasicPublishAsync(exchange, string.Empty, false, new BasicProperties { UserId = service, MessageId = messageId?.ToString() }, "{}"u8.ToArray());
            return null;
        }
        catch (Exception ex) when (ex is OperationInterruptedException or AlreadyClosedException or PublishException)
        {
            return channel.CloseReason?.ReplyCode ?? (ex as OperationInterruptedException)?.ShutdownReason?.ReplyCode ?? 0;
        }
    }

    /// <summary>The AMQP message ids in a queue, left in place (read without acknowledging).</summary>
    public static async Task<IReadOnlyList<string>> MessageIdsInAsync(string queue)
    {
        await using var connection = await ConnectAsync(await AdminAsync());
        await using var channel = await connection.CreateChannelAsync();
        var ids = new List<string>();
        try
        {
            while (await channel.BasicGetAsync(queue, autoAck: false) is { } message)
            {
                ids.Add(message.BasicProperties.MessageId ?? string.Empty);
            }
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404 || IsStarting(ex))
        {
            // Not declared yet, or declared a moment ago and its quorum queue not running yet: nothing is there yet.
        }

        return ids;
    }

    /// <summary>RabbitMQ's answer to a read of a quorum queue whose process has not started yet (541, "noproc").</summary>
    private static bool IsStarting(OperationInterruptedException ex) =>
        ex.ShutdownReason is { ReplyCode: 541, ReplyText: var text } && text.Contains("noproc", StringComparison.Ordinal);

    private static async Task<string> AdminAsync() => (await TestInfrastructure.ServersAsync()).RabbitMq;

    private static Task<IConnection> ConnectAsync(string connectionString) =>
        new ConnectionFactory { Uri = new Uri(connectionString), AutomaticRecoveryEnabled = false }.CreateConnectionAsync();
}
