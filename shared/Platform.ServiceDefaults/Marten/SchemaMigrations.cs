using System.Diagnostics;
using JasperFx;
using Marten.Storage;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Platform.ServiceDefaults.Marten;

/// <summary>When a service changes its database schema ("Database:Migrations").</summary>
public enum MigrationMode
{
    /// <summary>At start-up, before the daemon and the bus: Development and tests, where nobody runs a command.</summary>
    OnStartup,

    /// <summary>
    /// Only by the operator's <c>migrate</c> command; the service itself never runs DDL (Marten's AutoCreate is None)
    /// and refuses to start on a schema this release does not match. Every other environment.
    /// </summary>
    Explicit,
}

/// <summary>
/// A change to a service's database beyond Marten's own objects (the access audit table, row security on the analyst
/// tables, tables of an earlier release to convert), run after Marten's by <c>migrate</c> or at start-up, on every
/// database of the service (<see cref="ClinicDatabases"/>). Every step is idempotent, so running one twice, or two
/// nodes running it together, changes nothing more.
/// </summary>
public interface ISchemaStep
{
    /// <summary>What the step runs, for <c>migrate --dry-run</c>: its SQL, or what it converts.</summary>
    string Describe(IDocumentStore store);

    Task ApplyAsync(IDocumentStore store, IMartenDatabase database, CancellationToken cancellationToken);
}

/// <summary>A step that is one idempotent SQL script, written for the service's schema.</summary>
public sealed class SqlSchemaStep(Func<string, string> sql) : ISchemaStep
{
    public string Describe(IDocumentStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return sql(store.Options.DatabaseSchemaName);
    }

    public async Task ApplyAsync(IDocumentStore store, IMartenDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(Describe(store), connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>
/// The service's schema migrations: Marten's tables, functions and indexes (events, documents, analyst tables) and the
/// <see cref="ISchemaStep"/>s. <c>&lt;service&gt; migrate --dry-run</c> prints the SQL without changing anything;
/// <c>&lt;service&gt; migrate</c> applies it (README, "Upgrades").
/// </summary>
public static class SchemaMigrations
{
    public const string Command = "migrate";
    public const string DryRun = "--dry-run";

    /// <summary>The mode from "Database:Migrations": explicit unless the environment is Development or Testing.</summary>
    public static MigrationMode Mode(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var automatic = builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing");
        return builder.Configuration.GetValue("Database:Migrations", automatic ? MigrationMode.OnStartup : MigrationMode.Explicit);
    }

    /// <summary>
    /// Registered before Marten's daemon and the bus (hosted services start in registration order), so neither runs on a
    /// schema that is not yet this release's.
    /// </summary>
    internal static IServiceCollection AddSchemaStartup(this IServiceCollection services, MigrationMode mode) =>
        services.AddHostedService(sp => new Startup(sp.GetRequiredService<IDocumentStore>(), sp.GetServices<ISchemaStep>(), mode));

    /// <summary>Runs <c>migrate</c> with the service's own configuration; returns the process exit code.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, bool dryRun, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        var store = services.GetRequiredService<IDocumentStore>();
        var steps = services.GetServices<ISchemaStep>().ToList();
        var schema = store.Options.DatabaseSchemaName;
        var started = Stopwatch.GetTimestamp();
        var databases = await store.Storage.AllDatabases();
        foreach (var database in databases)
        {
            var migration = await database.CreateMigrationAsync(cancellationToken);
            var where = Where(store, database, databases.Count);
            if (dryRun)
            {
                await output.WriteLineAsync($"-- {where}: {(migration.Difference == Weasel.Core.SchemaPatchDifference.None ? "Marten's objects match this release" : $"Marten's objects: {migration.Difference}")}");
                migration.WriteAllUpdates(output, ((StoreOptions)store.Options).Advanced.Migrator, AutoCreate.CreateOrUpdate);
                await output.WriteLineAsync($"-- {where}: then {steps.Count} idempotent steps (run on every migrate)");
                foreach (var step in steps)
                {
                    await output.WriteLineAsync(step.Describe(store));
                }

                await output.WriteLineAsync($"-- dry run: nothing was changed in schema {where}");
                continue;
            }

            await ApplyAsync(store, database, steps, cancellationToken);
            await output.WriteLineAsync(
                $"{where}: migrated (Marten's objects: {migration.Difference}; {steps.Count} steps) in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
        }

        return 0;
    }

    /// <summary>The schema, and with several databases (ClinicDatabases) the server and database it is in.</summary>
    private static string Where(IDocumentStore store, IMartenDatabase database, int databases)
    {
        if (databases == 1)
        {
            return store.Options.DatabaseSchemaName;
        }

        using var connection = database.CreateConnection();
        return $"{store.Options.DatabaseSchemaName} in {connection.Host}:{connection.Port}/{connection.Database}";
    }

    private static async Task ApplyAsync(IDocumentStore store, IMartenDatabase database, IEnumerable<ISchemaStep> steps, CancellationToken cancellationToken)
    {
        // One migration at a time per schema: two pods' init containers, or an operator and a pod, may start together.
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using (var command = new NpgsqlCommand("select pg_advisory_lock(hashtext(@key))", connection))
        {
            command.Parameters.AddWithValue("key", $"migrate:{store.Options.DatabaseSchemaName}");
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await database.ApplyAllConfiguredChangesToDatabaseAsync(AutoCreate.CreateOrUpdate, ct: cancellationToken);
        foreach (var step in steps)
        {
            await step.ApplyAsync(store, database, cancellationToken);
        }

        // The lock ends with the session: closing the connection releases it.
    }

    private sealed class Startup(IDocumentStore store, IEnumerable<ISchemaStep> steps, MigrationMode mode) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var databases = await store.Storage.AllDatabases();
            foreach (var database in databases)
            {
                if (mode == MigrationMode.OnStartup)
                {
                    await ApplyAsync(store, database, steps, cancellationToken);
                    continue;
                }

                var migration = await database.CreateMigrationAsync(cancellationToken);
                if (migration.Difference != Weasel.Core.SchemaPatchDifference.None)
                {
                    throw new InvalidOperationException(
                        $"The database schema {Where(store, database, databases.Count)} does not match this release ({migration.Difference}). "
                        + $"Run the service with '{Command} {DryRun}' to see the SQL, then '{Command}' to apply it, before starting it (README, \"Upgrades\").");
                }
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
