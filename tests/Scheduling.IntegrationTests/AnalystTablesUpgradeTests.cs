using Npgsql;
using Platform.ServiceDefaults.Analytics;

namespace Scheduling.IntegrationTests;

/// <summary>
/// The analyst tables were created by hand-written DDL before they were declared as <see cref="AnalystTable"/>s: a
/// database an earlier release set up keeps its rows when the new release starts on it, and ends with every declared
/// column and its row security.
/// </summary>
public sealed class AnalystTablesUpgradeTests
{
    // The DDL the release before the shared declaration ran (create-if-missing, clinic as the second column).
    private const string EarlierRelease = """
        CREATE TABLE IF NOT EXISTS reporting.scheduling_courses (
            course_key uuid PRIMARY KEY, clinic text NOT NULL, indication text NOT NULL, route text NOT NULL,
            opened_month date NOT NULL, closed_month date NULL);
        CREATE TABLE IF NOT EXISTS reporting.scheduling_resource_days (
            session_ref uuid NOT NULL, clinic text NOT NULL, resource_id uuid NOT NULL, resource_type text NOT NULL,
            day date NOT NULL, minutes integer NOT NULL, PRIMARY KEY (session_ref, resource_id));
        CREATE OR REPLACE VIEW reporting.scheduling_utilisation WITH (security_invoker = true) AS
            SELECT clinic, day, resource_type, resource_id, count(*) AS sessions, sum(minutes) AS booked_minutes
            FROM reporting.scheduling_resource_days GROUP BY clinic, day, resource_type, resource_id;
        INSERT INTO reporting.scheduling_courses VALUES ('6f9a3c1e-0000-4000-8000-000000000001', 'main', 'Depression', 'IvKetamine', '2026-01-01', NULL);
        INSERT INTO reporting.scheduling_resource_days VALUES ('6f9a3c1e-0000-4000-8000-000000000002', 'main', '6f9a3c1e-0000-4000-8000-000000000003', 'Room', '2026-01-05', 120);
        """;

    [Fact]
    public async Task Tables_an_earlier_release_created_keep_their_rows_and_gain_the_declared_shape()
    {
        await using var host = await ServiceHost.StartAsync<SchedulingServiceMarker>(
            ServiceHost.NewEntityPrefix(), prepareDatabase: RunAsync);

        await using var connection = new NpgsqlConnection(host.Postgres);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1L, await Platform.Testing.EarlierRelease.ScalarAsync(host.Postgres, "select count(*) from reporting.scheduling_courses"));
        Assert.Equal(120L, Convert.ToInt64(await Platform.Testing.EarlierRelease.ScalarAsync(host.Postgres, "select sum(booked_minutes) from reporting.scheduling_utilisation"), System.Globalization.CultureInfo.InvariantCulture));
        foreach (var table in AnalystTables.All)
        {
            var columns = await ColumnsAsync(connection, table.Name);
            Assert.All(table.Columns.Select(c => c.Name).Append(ReportingRowSecurity.ClinicColumn), c => Assert.Contains(c, columns));
            Assert.True(
                await Platform.Testing.EarlierRelease.ScalarAsync(host.Postgres, $"select relrowsecurity from pg_class where oid = '{table.QualifiedName}'::regclass") is true,
                $"{table.QualifiedName} has row security");
        }
    }

    private static async Task RunAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(EarlierRelease, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<string>> ColumnsAsync(NpgsqlConnection connection, string table)
    {
        await using var command = new NpgsqlCommand(
            "select column_name from information_schema.columns where table_schema = 'reporting' and table_name = @t", connection);
        command.Parameters.AddWithValue("t", table);
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
