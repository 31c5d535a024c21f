using RabbitMQ.Client;

namespace Platform.Faults;

/// <summary>
/// Duplicate and out-of-order delivery, as a broker does when a consumer's connection drops before its acknowledgement
/// arrives or a publisher repeats a publish whose confirmation it never saw. Before the approvals, a queue of the
/// suite's own is bound to the approval exchange and keeps a copy of every approval Screening publishes; the restore
/// publishes each copy again, <c>copies</c> times, newest first, as Screening (its broker user, so the consumers'
/// publisher check passes and only their idempotency stands between a copy and a second course).
/// </summary>
internal sealed class Redelivery(int expected, int copies)
{
    private const string Exchange = "Platform.Contracts:PatientApprovedForTreatment";
    private const string Queue = "faults-approval-copies";

    public int Injected { get; private set; }

    public async Task CaptureAsync()
    {
        await using var connection = await ConnectAsync("guest", "guest");
        await using var channel = await connection.CreateChannelAsync();
        // MassTransit declares the exchange on its first publish; the same declaration here is a no-op after that.
        await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Fanout, durable: true);
        await channel.QueueDeclareAsync(Queue, durable: true, exclusive: false, autoDelete: false);
        await channel.QueuePurgeAsync(Queue);
        await channel.QueueBindAsync(Queue, Exchange, routingKey: string.Empty);
    }

    public async Task RedeliverAsync()
    {
        Injected = 0;
        var captured = new List<(BasicProperties Properties, ReadOnlyMemory<byte> Body)>();
        await using (var connection = await ConnectAsync("guest", "guest"))
        await using (var channel = await connection.CreateChannelAsync())
        {
            // Screening's relay publishes after each approval commits; wait for all of them (bounded).
            var until = DateTime.UtcNow.AddMinutes(2);
            while (captured.Count < expected && DateTime.UtcNow < until)
            {
                if (await channel.BasicGetAsync(Queue, autoAck: true) is { } message)
                {
                    captured.Add((new BasicProperties(message.BasicProperties), message.Body.ToArray()));
                }
                else
                {
                    await Task.Delay(100);
                }
            }

            await channel.QueueDeleteAsync(Queue);
        }

        if (captured.Count < expected)
        {
            throw new InvalidOperationException($"only {captured.Count} of {expected} approvals reached the broker within 2 minutes");
        }

        await using var screening = await ConnectAsync("screening", "kap-screening-local");
        await using var publisher = await screening.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        for (var copy = 0; copy < copies; copy++)
        {
            foreach (var (properties, body) in Enumerable.Reverse(captured))
            {
                await publisher.BasicPublishAsync(Exchange, string.Empty, mandatory: false, properties, body);
                Injected++;
            }
        }
    }

    private static Task<IConnection> ConnectAsync(string user, string password) => new ConnectionFactory {
        HostName = "127.0.0.1",
        Port = int.Parse(Environment.GetEnvironmentVariable("AMQP_PORT") ?? "5682", System.Globalization.CultureInfo.InvariantCulture),
        UserName = user,
        Password = password,
    }.CreateConnectionAsync();
}
