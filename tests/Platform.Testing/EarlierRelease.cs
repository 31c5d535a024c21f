using System.Text.Json;
using Marten;
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

/// <summary>
/// An event as an earlier release stored it. Marten never rewrites a stored event, so the JSON an older shape of an
/// event type left in <c>mt_events</c> must still be read by today's type (missing members take their defaults,
/// instrument spellings and numbers are read by their converter), with no upcaster to forget.
/// </summary>
public static class StoredEvents
{
    /// <summary>
    /// Appends <paramref name="current"/> to a new stream of the development clinic, replaces its stored JSON with
    /// <paramref name="stored"/> (what the earlier release wrote: names as declared, enums as numbers) and reads the
    /// event back through Marten, as a projection rebuild or an aggregate load would.
    /// </summary>
    public static async Task<object> ReadBackAsync(IDocumentStore store, object current, string stored)
    {
        var streamId = Guid.NewGuid();
        Guid eventId;
        await using (var session = store.LightweightSession(ClinicScope.Development))
        {
            eventId = session.Events.StartStream(streamId, current).Events[0].Id;
            await session.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using (var connection = store.Storage.Database.CreateConnection())
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = new NpgsqlCommand(
                $"UPDATE {store.Options.Events.DatabaseSchemaName}.mt_events SET data = @data::jsonb WHERE id = @id", connection);
            command.Parameters.AddWithValue("data", stored);
            command.Parameters.AddWithValue("id", eventId);
            Assert.Equal(1, await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        }

        await using var query = store.QuerySession(ClinicScope.Development);
        return (await query.Events.FetchStreamAsync(streamId, token: TestContext.Current.CancellationToken)).Single().Data;
    }

    /// <summary>
    /// The event's members as JSON, to compare a read-back event with the one expected: in clear, because the store
    /// seals PHI with a fresh nonce each time it writes (docs/privacy.md).
    /// </summary>
    public static string Json(object @event) => System.Text.Json.JsonSerializer.Serialize(@event, @event.GetType());
}
