using System.Text.Json;
using Npgsql;

namespace Platform.Testing;

/// <summary>
/// Database state as an earlier release left it, for the upgrade tests (<c>ServiceHost.StartAsync(prepareDatabase:)</c>).
/// </summary>
public static class EarlierRelease
{
    /// <summary>
    /// A Marten document table of a type the current release no longer has (conjoined tenancy, the columns Marten
    /// wrote), holding one document of the development clinic: <paramref name="data"/> serialised as Marten's default
    /// serializer wrote it (names as declared, enums as numbers).
    /// </summary>
    public static async Task DocumentAsync(string database, string schema, string table, Guid id, object data)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            CREATE SCHEMA IF NOT EXISTS {schema};
            CREATE TABLE {schema}.{table} (
                tenant_id varchar NOT NULL DEFAULT '*DEFAULT*', id uuid NOT NULL, data jsonb NOT NULL,
                mt_last_modified timestamptz DEFAULT transaction_timestamp(), mt_version uuid NOT NULL DEFAULT (md5(random()::text || clock_timestamp()::text)::uuid),
                mt_dotnet_type varchar, CONSTRAINT pkey_{table}_tenant_id_id PRIMARY KEY (tenant_id, id));
            INSERT INTO {schema}.{table} (tenant_id, id, data) VALUES (@tenant, @id, @data::jsonb);
            """, connection);
        command.Parameters.AddWithValue("tenant", ClinicScope.Development);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("data", JsonSerializer.Serialize(data));
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>One value read back, to check what a start-up did to the database.</summary>
    public static async Task<object?> ScalarAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }
}
