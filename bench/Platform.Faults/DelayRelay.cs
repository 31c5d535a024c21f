using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Platform.Faults;

/// <summary>
/// A TCP relay that delivers every chunk it reads <see cref="Delay"/> later, in order, in both directions: latency
/// without a bandwidth limit, as a long link has (a chunk read at t leaves at t + delay, whatever came before it).
/// Either side closing or failing closes both, as a connection through a dying link would end.
/// </summary>
internal sealed class DelayRelay : IDisposable
{
    private readonly TcpListener listener;
    private readonly IPEndPoint target;

    private DelayRelay(IPAddress address, IPEndPoint target)
    {
        listener = new TcpListener(address, 0);
        this.target = target;
    }

    /// <summary>Each way; read at every chunk, so a change applies to what is read from then on.</summary>
    public TimeSpan Delay { get; set; }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public static DelayRelay Start(IPAddress address, IPEndPoint target)
    {
        var relay = new DelayRelay(address, target);
        relay.listener.Start();
        _ = relay.AcceptAsync();
        return relay;
    }

    public void Dispose() => listener.Dispose();

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync();
                _ = RelayAsync(client);
            }
        }
        catch (ObjectDisposedException)
        {
            // Disposed: the suite is ending.
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var server = new TcpClient { NoDelay = true };
        using (client)
        {
            client.NoDelay = true;
            try
            {
                await server.ConnectAsync(target);
            }
            catch (SocketException)
            {
                return; // The server is down (a fault): the client sees its connection closed, as it would.
            }

            await Task.WhenAny(PumpAsync(client.GetStream(), server.GetStream()), PumpAsync(server.GetStream(), client.GetStream()));
        }
    }

    /// <summary>Reads chunks as they come and writes each once its delay is over.</summary>
    private async Task PumpAsync(NetworkStream from, NetworkStream to)
    {
        var chunks = Channel.CreateUnbounded<(long Due, byte[] Data)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var writing = Task.Run(async () =>
        {
            await foreach (var (due, data) in chunks.Reader.ReadAllAsync())
            {
                var wait = TimeSpan.FromMilliseconds(due - Environment.TickCount64);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }

                await to.WriteAsync(data);
            }
        });
        try
        {
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = await from.ReadAsync(buffer)) > 0)
            {
                var due = Environment.TickCount64 + (long)Delay.TotalMilliseconds;
                chunks.Writer.TryWrite((due, buffer[..read]));
            }
        }
        catch (IOException)
        {
            // The other side went away.
        }
        finally
        {
            chunks.Writer.TryComplete();
        }

        try
        {
            await writing;
        }
        catch (IOException)
        {
            // The other side went away before everything was delivered.
        }
    }
}
