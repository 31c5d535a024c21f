using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Testing;

/// <summary>
/// One service host per test class (an xUnit class fixture) on its own database and broker prefix, with a movable
/// clock and a test bus that publishes what the other services would and records what this one publishes. Each
/// service's integration tests derive their fixture from it and add that service's helpers.
/// </summary>
/// <param name="recorded">The contracts the test bus listens for (what this service publishes).</param>
public abstract class ServiceApp<TEntryPoint>(params Type[] recorded) : IAsyncLifetime
    where TEntryPoint : class
{
    /// <summary>The wire format of every service: web defaults, enums as strings.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) {
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly ConcurrentDictionary<(string Role, string Subject), HttpClient> clients = new();
    private ServiceHost<TEntryPoint>? host;
    private TestBus? bus;

    /// <summary>The service's clock: starts at real time; tests move it forward instead of waiting.</summary>
    public MovableClock Clock { get; } = new();

    public ServiceHost<TEntryPoint> Host => host ?? throw new InvalidOperationException("Not started.");

    public TestBus Bus => bus ?? throw new InvalidOperationException("Not started.");

    /// <summary>The client of one caller (a role and a subject in the token), the same one for the fixture's lifetime.</summary>
    public HttpClient As(string role, string subject) => clients.GetOrAdd((role, subject), caller => Host.ClientFor(caller.Role, caller.Subject));

    /// <summary>The entity prefix of this host's queues and exchanges on the broker.</summary>
    public string Prefix { get; private set; } = string.Empty;

    public virtual async ValueTask InitializeAsync()
    {
        Prefix = ServiceHost.NewEntityPrefix();
        bus = await TestBus.StartAsync(Prefix, recorded);
        host = await ServiceHost.StartAsync<TEntryPoint>(Prefix, configureServices: services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            ConfigureServices(services);
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (bus is not null)
        {
            await bus.DisposeAsync();
        }

        if (host is not null)
        {
            await host.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>A test's own services (a log capture, a fault) on top of the clock.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }
}
