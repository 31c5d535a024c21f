namespace Integration.IntegrationTests;

/// <summary>
/// Past its capacity a service refuses at once instead of queueing until everything times out: a burst larger than
/// the admission limit gets 503s with Retry-After, the admitted requests are served, and the probes still answer.
/// </summary>
public sealed class AdmissionTests
{
    [Fact]
    public async Task A_burst_beyond_the_admission_limit_is_refused_at_once_with_retry_after_and_probes_still_answer()
    {
        await using var host = await ServiceHost.StartAsync<IntegrationServiceMarker>(
            ServiceHost.NewEntityPrefix(),
            settings: new Dictionary<string, string> { ["Http:MaxConcurrentRequests"] = "2", ["Http:RequestQueueLimit"] = "1" });
        using var reader = host.ClientFor(Roles.Prescriber, "burst-reader");

        var burst = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => reader.GetAsync(new Uri("/adverse-events", UriKind.Relative))));
        using var live = await host.CreateClient().GetAsync(new Uri("/health/live", UriKind.Relative));

        var refused = burst.Where(r => r.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.NotEmpty(refused);
        Assert.Contains(burst, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(burst, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"{(int)r.StatusCode}"));
        foreach (var response in refused)
        {
            Assert.NotNull(response.Headers.RetryAfter);
            Assert.Contains("PLT-AT-CAPACITY", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
