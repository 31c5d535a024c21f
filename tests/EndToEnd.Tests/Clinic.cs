using Integration.Api;
using Microsoft.Extensions.DependencyInjection;
using Scheduling.Api;
using Screening.Api;

namespace EndToEnd.Tests;

/// <summary>
/// The three services running together in the test process, each on its own database, sharing one RabbitMQ
/// prefix so they hear each other and no other test, and one movable <see cref="MovableClock"/> (at real time until
/// a test moves it).
/// </summary>
public sealed class Clinic : IAsyncLifetime
{
    public ServiceHost<ScreeningServiceMarker> Screening { get; private set; } = null!;

    public ServiceHost<SchedulingServiceMarker> Scheduling { get; private set; } = null!;

    public ServiceHost<IntegrationServiceMarker> Integration { get; private set; } = null!;

    public MovableClock Clock { get; } = new();

    public async ValueTask InitializeAsync()
    {
        var prefix = ServiceHost.NewEntityPrefix();
        void SharedClock(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
        var starting = (
            ServiceHost.StartAsync<ScreeningServiceMarker>(prefix, configureServices: SharedClock),
            ServiceHost.StartAsync<SchedulingServiceMarker>(prefix, configureServices: SharedClock),
            ServiceHost.StartAsync<IntegrationServiceMarker>(prefix, configureServices: SharedClock));
        Screening = await starting.Item1;
        Scheduling = await starting.Item2;
        Integration = await starting.Item3;
    }

    public async ValueTask DisposeAsync()
    {
        await Screening.DisposeAsync();
        await Scheduling.DisposeAsync();
        await Integration.DisposeAsync();
    }
}
