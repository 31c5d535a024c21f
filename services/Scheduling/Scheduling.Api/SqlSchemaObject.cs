using System.Data.Common;
using Weasel.Core;

namespace Scheduling.Api;

/// <summary>
/// A table Marten creates with its own schema migration (so it exists in a fresh database before the daemon or
/// the bus start) but whose DDL Weasel cannot express, such as an exclusion constraint.
/// </summary>
/// <remarks>
/// Create-if-missing only: a change to a table's shape ships as a new table name (e.g. a <c>_v2</c> suffix) so a
/// running deployment never has its data dropped by an automatic migration.
/// </remarks>
public sealed class SqlSchemaObject(string schema, string name, string createSql) : ISchemaObject
{
    public DbObjectName Identifier { get; } = new Weasel.Postgresql.PostgresqlObjectName(schema, name, Weasel.Postgresql.SchemaUtils.IdentifierUsage.General);

    public void WriteCreateStatement(Migrator migrator, TextWriter writer)
    {
        writer.WriteLine($"CREATE SCHEMA IF NOT EXISTS {schema};");
        writer.WriteLine(createSql);
    }

    public void WriteDropStatement(Migrator rules, TextWriter writer) =>
        writer.WriteLine($"DROP TABLE IF EXISTS {schema}.{name} CASCADE;");

    public void ConfigureQueryCommand(Weasel.Core.DbCommandBuilder builder) =>
        builder.Append(
            $"select count(*) from information_schema.tables where table_schema = '{schema}' and table_name = '{name}';");

    public async Task<ISchemaObjectDelta> CreateDeltaAsync(DbDataReader reader, CancellationToken ct)
    {
        var exists = await reader.ReadAsync(ct) && reader.GetInt64(0) > 0;
        return new SchemaObjectDelta(this, exists ? SchemaPatchDifference.None : SchemaPatchDifference.Create);
    }

    public IEnumerable<DbObjectName> AllNames()
    {
        yield return Identifier;
    }
}
