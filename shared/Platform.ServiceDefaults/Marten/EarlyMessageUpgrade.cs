using JasperFx;
using Marten.Storage;
using Microsoft.Extensions.Hosting;
using Npgsql;
using SessionOptions = Marten.Services.SessionOptions;

namespace Platform.ServiceDefaults.Marten;

/// <summary>
/// A document table an earlier release kept early messages in (Screening's safety-hold inbox, Scheduling's early safety
/// holds, Integration's early dosing sessions), and how one of its rows (the document's JSON) becomes
/// <see cref="EarlyMessage"/>s. Nothing parked before the upgrade may be lost: a hold parked then must still put the
/// course on hold when the approval comes.
/// </summary>
/// <param name="Table">The old table's name in the service's schema, e.g. <c>mt_doc_early_safety_hold</c>.</param>
/// <param name="Convert">The old document's JSON and the time of the upgrade to the messages it held.</param>
public sealed record EarlyMessageUpgrade(string Table, Func<JsonElement, DateTimeOffset, IEnumerable<EarlyMessage>> Convert)
{
    /// <summary>Reads an old document: Marten wrote property names as declared and enums as numbers; names are read too.</summary>
    public static readonly JsonSerializerOptions OldDocuments = new(JsonSerializerDefaults.Web) {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}

public static class EarlyMessageUpgrades
{
    /// <summary>
    /// Converts <paramref name="table"/>'s rows (see <see cref="EarlyMessageUpgrade"/>) as a schema migration step: at
    /// start-up or by <c>migrate</c>, before the bus delivers anything, so no consumer reads the kept messages before
    /// the old ones are among them.
    /// </summary>
    public static WebApplicationBuilder AddEarlyMessageUpgrade(
        this WebApplicationBuilder builder, string table, Func<JsonElement, DateTimeOffset, IEnumerable<EarlyMessage>> convert)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<ISchemaStep>(sp => new Step(new EarlyMessageUpgrade(table, convert), sp.GetRequiredService<TimeProvider>()));
        return builder;
    }

    private sealed class Step(EarlyMessageUpgrade upgrade, TimeProvider time) : ISchemaStep
    {
        public string Describe(IDocumentStore store) =>
            $"-- convert the early messages an earlier release kept in {store.Options.DatabaseSchemaName}.{upgrade.Table}, if it exists, then drop it";

        public Task ApplyAsync(IDocumentStore store, IMartenDatabase database, CancellationToken cancellationToken) =>
            ConvertAsync(store, database, upgrade, time.GetUtcNow(), cancellationToken);
    }

    /// <summary>
    /// Converts the old table's rows, if the table exists, into <see cref="EarlyMessage"/>s of the same clinic and drops
    /// it, in one transaction: either every parked message is kept the new way or nothing changed. Runs after Marten
    /// has created the new table (<see cref="SchemaMigrations"/> applies its objects before any step).
    /// </summary>
    private static async Task ConvertAsync(IDocumentStore store, IMartenDatabase database, EarlyMessageUpgrade upgrade, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(upgrade);
        var schema = store.Options.DatabaseSchemaName;
        var table = $"{schema}.{upgrade.Table}";
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // Two nodes starting together: the second waits, then finds the table gone.
        await ExecuteAsync(connection, transaction, "select pg_advisory_xact_lock(hashtext(@table))", ct, ("table", table));
        if (await ScalarAsync(connection, transaction, "select to_regclass(@table) is not null", ct, ("table", table)) is not true)
        {
            return;
        }

        // Every document is one clinic's (conjoined tenancy): the converted messages stay that clinic's.
        var tenanted = await ScalarAsync(
            connection, transaction,
            "select exists (select 1 from information_schema.columns where table_schema = @schema and table_name = @name and column_name = 'tenant_id')",
            ct, ("schema", schema), ("name", upgrade.Table)) is true;
        var rows = new List<(string Tenant, string Data)>();
        await using (var read = new NpgsqlCommand(
            $"select {(tenanted ? "tenant_id" : "null")}, data::text from {table}", connection, transaction))
        await using (var reader = await read.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows.Add((reader.IsDBNull(0) ? StorageConstants.DefaultTenantId : reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var tenant in rows.GroupBy(r => r.Tenant))
        {
            var options = SessionOptions.ForTransaction(transaction);
            options.TenantId = tenant.Key;
            await using var session = store.LightweightSession(options);
            foreach (var (_, data) in tenant)
            {
                using var document = JsonDocument.Parse(data);
                foreach (var message in upgrade.Convert(document.RootElement, now))
                {
                    session.Store(message);
                }
            }

            await session.SaveChangesAsync(ct);
        }

        // The old table and Marten's functions for it: nothing reads them any more.
        await ExecuteAsync(connection, transaction, $"""
            drop table {table};
            do $$ declare f record; begin
                for f in select p.oid::regprocedure as signature from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                    where n.nspname = '{schema}' and p.proname like 'mt\_%\_{upgrade.Table["mt_doc_".Length..]}' loop
                    execute 'drop function ' || f.signature;
                end loop;
            end $$;
            """, ct);
        await transaction.CommitAsync(ct);
    }

    private static async Task<object?> ScalarAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteScalarAsync(ct);
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
