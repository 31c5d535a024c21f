using Npgsql;
using Platform.ServiceDefaults.Marten;

namespace Platform.Tests;

public class BoundedPoolTests
{
    [Fact]
    public void A_connection_string_without_pool_settings_gets_a_ceiling_and_closes_idle_connections_soon()
    {
        var bounded = new NpgsqlConnectionStringBuilder(PlatformMarten.BoundedPool("Host=db;Username=u;Password=p", 40));

        Assert.Equal(40, bounded.MaxPoolSize);
        Assert.Equal(5, bounded.ConnectionIdleLifetime);
        Assert.Equal(50, bounded.MaxAutoPrepare);
        Assert.Equal(2, bounded.AutoPrepareMinUsages);
    }

    [Theory]
    [InlineData("Host=db;Maximum Pool Size=7;Connection Idle Lifetime=99;Max Auto Prepare=0")]
    [InlineData("Host=db;MaxPoolSize=7;ConnectionIdleLifetime=99;MaxAutoPrepare=0")]
    public void What_the_operator_wrote_wins(string connectionString)
    {
        var bounded = new NpgsqlConnectionStringBuilder(PlatformMarten.BoundedPool(connectionString, 40));

        Assert.Equal(7, bounded.MaxPoolSize);
        Assert.Equal(99, bounded.ConnectionIdleLifetime);
        Assert.Equal(0, bounded.MaxAutoPrepare);
    }
}
