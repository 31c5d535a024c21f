using MassTransit;

namespace Platform.Testing;

/// <summary>
/// Counts the deliveries of <typeparamref name="T"/> a service host's consumers have finished (applied, or found
/// already applied): the positive signal that a message was consumed, where a sleep could only hope so.
/// </summary>
public sealed class ConsumedMessages<T> : IConsumeObserver, IDisposable
    where T : class
{
    private readonly ConnectHandle handle;
    private int finished;
    private int faulted;

    public ConsumedMessages(IBus bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        handle = bus.ConnectConsumeObserver(this);
    }

    /// <summary>Deliveries the consumer finished without an exception.</summary>
    public int Finished => Volatile.Read(ref finished);

    /// <summary>Deliveries the consumer threw on.</summary>
    public int Faulted => Volatile.Read(ref faulted);

    /// <summary>Waits until at least <paramref name="count"/> deliveries have finished.</summary>
    public Task WaitForAsync(int count, TimeSpan? timeout = null) =>
        Eventually.Async(
            () => Task.FromResult(Finished >= count ? (object)true : null),
            timeout,
            $"{count} deliveries of {typeof(T).Name} to be consumed (finished {Finished}, faulted {Faulted})");

    public Task PreConsume<TMessage>(ConsumeContext<TMessage> context)
        where TMessage : class => Task.CompletedTask;

    public Task PostConsume<TMessage>(ConsumeContext<TMessage> context)
        where TMessage : class
    {
        if (context.Message is T)
        {
            Interlocked.Increment(ref finished);
        }

        return Task.CompletedTask;
    }

    public Task ConsumeFault<TMessage>(ConsumeContext<TMessage> context, Exception exception)
        where TMessage : class
    {
        if (context.Message is T)
        {
            Interlocked.Increment(ref faulted);
        }

        return Task.CompletedTask;
    }

    public void Dispose() => handle.Disconnect();
}
