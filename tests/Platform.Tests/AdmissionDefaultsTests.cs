using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Marten;

namespace Platform.Tests;

/// <summary>The admission limit as deployed: two requests per core at once and as many waiting, within the pool.</summary>
public sealed class AdmissionDefaultsTests
{
    [Fact]
    public void Two_requests_per_core_run_and_as_many_wait_never_more_than_the_pool_serves()
    {
        var expected = Math.Min(2 * Environment.ProcessorCount, PlatformMarten.DefaultMaxPoolSize / 2);
        Assert.Equal(expected, EdgeProtection.DefaultMaxConcurrentRequests);
        Assert.Equal(EdgeProtection.DefaultMaxConcurrentRequests, EdgeProtection.DefaultRequestQueueLimit);
    }
}
