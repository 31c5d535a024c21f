using Platform.Contracts;

namespace Screening.IntegrationTests;

/// <summary>
/// One Screening service per test class on a fresh database, plus a test bus on the same entity prefix that
/// records what the service publishes and publishes to it.
/// </summary>
public sealed class ScreeningApp : IAsyncLifetime
{
    public ServiceHost<ScreeningServiceMarker> Service { get; private set; } = null!;

    public TestBus Bus { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var prefix = ServiceHost.NewEntityPrefix();
        Bus = await TestBus.StartAsync(prefix, typeof(PatientApprovedForTreatment), typeof(ScreeningDeclined));
        Service = await ServiceHost.StartAsync<ScreeningServiceMarker>(prefix);
    }

    public async Task DisposeAsync()
    {
        await Service.DisposeAsync();
        await Bus.DisposeAsync();
    }
}
