using Npgsql;
using static Platform.Testing.ScreeningApi;

namespace Screening.IntegrationTests;

/// <summary>
/// Analysts query the reporting tables with SQL: a clinic's analyst login reads its clinic's rows only, the chain's
/// analyst role every clinic's, and a login no clinic was granted to reads nothing.
/// </summary>
public sealed class AnalystRowSecurityTests(ScreeningApp fixture) : IClassFixture<ScreeningApp>
{
    [Fact]
    public async Task A_clinics_analyst_login_reads_only_its_clinics_rows()
    {
        await ReferAsync(fixture.Host.ClientFor(Roles.System, "ehr"));
        await ReferAsync(fixture.Host.ClientFor(Roles.System, "ehr", ["north"]));
        await fixture.Host.CatchUpAsync();

        var (server, _) = await TestInfrastructure.ServersAsync();
        var superuser = new NpgsqlConnectionStringBuilder(server) { Database = new NpgsqlConnectionStringBuilder(fixture.Host.Postgres).Database }.ConnectionString;
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var (northAnalyst, ungranted, password) = ($"analyst_north_{suffix}", $"analyst_none_{suffix}", $"pw-{suffix}");
        await ExecuteAsync(superuser,
            $"CREATE ROLE {northAnalyst} LOGIN PASSWORD '{password}' IN ROLE analyst; CREATE ROLE {ungranted} LOGIN PASSWORD '{password}' IN ROLE analyst; "
            + $"INSERT INTO reporting.analyst_clinics VALUES ('{northAnalyst}', 'north')");
        try
        {
            string As(string login) => new NpgsqlConnectionStringBuilder(superuser) { Username = login, Password = password }.ConnectionString;
            Assert.Equal(["north"], await ClinicsSeenAsync(As(northAnalyst)));
            Assert.Empty(await ClinicsSeenAsync(As(ungranted)));
            Assert.Equal(["main", "north"], await ClinicsSeenAsync(TestInfrastructure.AsRole(superuser, "analyst")));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(superuser, $"DELETE FROM reporting.analyst_clinics WHERE role_name = '{northAnalyst}'; DROP ROLE {northAnalyst}; DROP ROLE {ungranted}");
        }
    }

    private static async Task<List<string>> ClinicsSeenAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select distinct clinic from reporting.screening_decisions order by clinic", connection);
        var clinics = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            clinics.Add(reader.GetString(0));
        }

        return clinics;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
