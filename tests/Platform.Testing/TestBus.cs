using System.Collections.Concurrent;
using MassTransit;

namespace Platform.Testing;

/// <summary>
/// A bus of the test's own on the real broker, with the same entity prefix as the services under test: it
/// publishes messages to them and records what they publish.
/// </summary>
public sealed class TestBus : IAsyncDisposable
{
    private readonly IBusControl bus;
    private readonly ConcurrentDictionary<Type, ConcurrentQueue<ConsumeContext>> received = new();

    private TestBus(IBusControl bus) => this.bus = bus;

    public IBus Bus => bus;

    public static async Task<TestBus> StartAsync(string entityPrefix, params Type[] listenFor)
    {
        var (_, rabbitMq) = await TestInfrastructure.ServersAsync();
        TestBus? self = null;
        var control = MassTransit.Bus.Factory.CreateUsingRabbitMq(cfg =>
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
        });
        self = new TestBus(control);
        await control.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        return self;
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

    public Task PublishAsync<T>(T message, Guid messageId)
        where T : class =>
        bus.Publish(message, context => context.MessageId = messageId);

    public async ValueTask DisposeAsync() => await bus.StopAsync();
}
