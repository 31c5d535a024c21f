using Platform.ServiceDefaults.Health;

namespace Integration.IntegrationTests.Reliability;

/// <summary>Readiness is 503 while committed events wait longer than the bound to leave (liveness stays 200).</summary>
public sealed class RelayLagTests
{
    [Fact]
    public async Task Readiness_reports_a_relay_lagging_past_its_bound_and_recovers_when_it_catches_up()
    {
        var prefix = ServiceHost.NewEntityPrefix();
        var (_, rabbitMq) = await TestInfrastructure.ServersAsync();
        var broker = new Uri(rabbitMq);
        await using var proxy = new TcpProxy(broker.Host, broker.Port);
        proxy.Start();
        await using var service = await ServiceHost.StartAsync<IntegrationServiceMarker>(
            prefix,
            new UriBuilder(broker) { Host = "127.0.0.1", Port = proxy.Port }.Uri.ToString(),
            s => s.PostConfigure<OutboxHealthOptions>(o => o.MaxLagSeconds = 2));
        await Readiness.CheckAsync(service, "outbox", c => c.Status == "Healthy");

        await proxy.CutAsync();
        var hold = new HoldPlaced(
            Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), SafetyHoldTrigger.AdverseEvent, "Serious adverse event", Guid.NewGuid(), DateTimeOffset.UtcNow);
        await using (var session = service.Store.LightweightSession(ClinicScope.Development))
        {
            session.Events.StartStream(hold.CourseId, hold);
            await session.SaveChangesAsync();
        }

        var lagging = await Readiness.CheckAsync(service, "outbox", c => c.Status == "Degraded");
        Assert.Contains("relay lags", lagging.Description, StringComparison.Ordinal);
        Assert.Contains("bound 2 s", lagging.Description, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, lagging.HttpStatus);
        Assert.Equal(HttpStatusCode.OK, (await service.CreateClient().GetAsync("/health/live")).StatusCode);

        proxy.Start();
        await Readiness.CheckAsync(service, "outbox", c => c.Status == "Healthy", TimeSpan.FromSeconds(90));
    }
}
