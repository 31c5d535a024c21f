using System.Collections.Concurrent;
using MassTransit;
using Platform.Contracts;
using Platform.Messaging;
using Platform.ServiceDefaults.Identity;

namespace Platform.Testing;

/// <summary>
/// A bus of the test's own on the real broker, with the same entity prefix as the services under test: it
/// publishes messages to them and records what they publish.
/// </summary>
public sealed class TestBus : IAsyncDisposable
{
    private readonly IBusControl bus;
    private readonly string rabbitMq;
    private readonly string entityPrefix;
    private readonly ConcurrentDictionary<Type, ConcurrentQueue<ConsumeContext>> received = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<IBusControl>>> owners = new();

    private TestBus(IBusControl bus, string rabbitMq, string entityPrefix)
    {
        this.bus = bus;
        this.rabbitMq = rabbitMq;
        this.entityPrefix = entityPrefix;
    }

    public IBus Bus => bus;

    public static async Task<TestBus> StartAsync(string entityPrefix, params Type[] listenFor)
    {
        var (_, rabbitMq) = await TestInfrastructure.ServersAsync();
        TestBus? self = null;
        var control = await StartBusAsync(MassTransit.Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(new Uri(rabbitMq));
            cfg.MessageTopology.SetEntityNameFormatter(new PrefixEntityNameFormatter(cfg.MessageTopology.EntityNameFormatter, entityPrefix));
            if (listenFor.Length > 0)
            {
                cfg.ReceiveEndpoint($"{entityPrefix}test-listener-{Guid.NewGuid():N}", e =>
                {
                    e.AutoDelete = true;
                    e.Durable = false;
                    foreach (var type in listenFor)
                    {
                        var method = typeof(TestBus).GetMethod(nameof(Listen), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                            .MakeGenericMethod(type);
                        method.Invoke(null, [e, (Func<TestBus>)(() => self!)]);
                    }
                });
            }
        }));
        self = new TestBus(control, rabbitMq, entityPrefix);
        return self;
    }

    private static async Task<IBusControl> StartBusAsync(IBusControl control)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await control.StartAsync(timeout.Token);
        return control;
    }

    private static void Listen<T>(IReceiveEndpointConfigurator endpoint, Func<TestBus> self)
        where T : class =>
        endpoint.Handler<T>(context =>
        {
            self().received.GetOrAdd(typeof(T), _ => new ConcurrentQueue<ConsumeContext>()).Enqueue(context);
            return Task.CompletedTask;
        });

    public IReadOnlyList<ConsumeContext<T>> Received<T>()
        where T : class =>
        received.TryGetValue(typeof(T), out var queue) ? queue.OfType<ConsumeContext<T>>().ToList() : [];

    /// <summary>Publishes as the contract's owner would: logged in as the owner's broker user, with its user_id.</summary>
    public async Task PublishAsync<T>(T message, Guid messageId, string clinic = ClinicScope.Development)
        where T : class
    {
        var owner = ContractOwners.OwnerOf(typeof(T));
        if (owner is null || !TestInfrastructure.BrokerUsersExist)
        {
            // Without the services' users the services trust the admin account, which this bus logs in as.
            await PublishAsAdminAsync(message, messageId, withUserId: true, clinic);
            return;
        }

        var publisher = await owners.GetOrAdd(owner, o => new Lazy<Task<IBusControl>>(() => StartPublisherAsync(o))).Value;
        await publisher.Publish(message, context =>
        {
            context.MessageId = messageId;
            ClinicMessages.Stamp(context, clinic);
        });
    }

    /// <summary>
    /// Publishes as the admin account, which owns no contract: with no user_id, or with the admin's own (the broker
    /// accepts either, so a consumer sees a message that did not come from the owner).
    /// </summary>
    public Task PublishAsAdminAsync<T>(T message, Guid messageId, bool withUserId, string clinic = ClinicScope.Development)
        where T : class =>
        bus.Publish(message, context =>
        {
            context.MessageId = messageId;
            ClinicMessages.Stamp(context, clinic);
            if (withUserId && context.TryGetPayload<RabbitMqSendContext>(out var amqp))
            {
                amqp.BasicProperties.UserId = TestInfrastructure.AdminBrokerUser(rabbitMq);
            }
        });

    private Task<IBusControl> StartPublisherAsync(string owner) =>
        StartBusAsync(MassTransit.Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(new Uri(TestInfrastructure.RabbitMqAs(rabbitMq, owner)));
            cfg.MessageTopology.SetEntityNameFormatter(new PrefixEntityNameFormatter(cfg.MessageTopology.EntityNameFormatter, entityPrefix));
            cfg.StampUserId(owner);
        }));

    public async ValueTask DisposeAsync()
    {
        foreach (var owner in owners.Values.Where(o => o.IsValueCreated))
        {
            await (await owner.Value).StopAsync();
        }

        await bus.StopAsync();
    }
}
