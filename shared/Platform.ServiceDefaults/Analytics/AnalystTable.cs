using System.Text.Json;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Platform.ServiceDefaults.Analytics;

/// <summary>A column of an analyst table; <paramref name="Default"/> is a SQL expression.</summary>
public sealed record AnalystColumn(string Name, string Type, bool Nullable = true, string? Default = null);

/// <summary>
/// One de-identified table in the shared <c>reporting</c> schema, declared the same way by every service. The column
/// list is the single source for the DDL and for <see cref="InsertFromJsonSql"/>, so the two cannot drift apart. Every
/// table also gets the <see cref="ReportingRowSecurity.ClinicColumn"/> its row security reads.
/// </summary>
/// <remarks>
/// Marten creates the table at start-up (<see cref="Register"/>) and, as a Weasel table, adds a column
/// declared later: a new column must be nullable or have a default, so rows written before it stay valid.
/// </remarks>
public sealed record AnalystTable(string Name, IReadOnlyList<AnalystColumn> Columns, IReadOnlyList<string> PrimaryKey)
{
    public const string Schema = "reporting";

    public string QualifiedName => $"{Schema}.{Name}";

    public Table ToWeaselTable()
    {
        var table = new Table(new PostgresqlObjectName(Schema, Name, SchemaUtils.IdentifierUsage.General));
        foreach (var column in Columns)
        {
            var expression = table.AddColumn(column.Name, column.Type);
            if (PrimaryKey.Contains(column.Name))
            {
                expression.AsPrimaryKey();
            }
            else if (!column.Nullable)
            {
                expression.NotNull();
            }

            if (column.Default is { } sql)
            {
                expression.DefaultValueByExpression(sql);
            }
        }

        table.AddColumn(ReportingRowSecurity.ClinicColumn, "text").NotNull();
        return table;
    }

    /// <summary>Deletes the rows whose <paramref name="column"/> is in the one array parameter.</summary>
    public string DeleteWhereAnySql(string column) => $"delete from {QualifiedName} where {column} = any(?)";

    /// <summary>
    /// Inserts many rows from the clinic and one JSON array parameter (<see cref="Json"/>): one statement and two
    /// parameters however many rows, and no SQL built from values.
    /// </summary>
    public string InsertFromJsonSql
    {
        get
        {
            var names = string.Join(", ", Columns.Select(c => c.Name));
            return $"insert into {QualifiedName} ({ReportingRowSecurity.ClinicColumn}, {names}) select ?, {names} from {RecordsetSql([.. Columns.Select(c => c.Name)])}";
        }
    }

    /// <summary>As <see cref="InsertFromJsonSql"/>, leaving a row whose key exists as it is (a replayed event adds nothing).</summary>
    public string InsertNewFromJsonSql => $"{InsertFromJsonSql} on conflict ({string.Join(", ", PrimaryKey)}) do nothing";

    /// <summary>The one JSON array parameter as rows <c>r</c> of these columns, typed as the table declares them.</summary>
    public string RecordsetSql(params string[] columns) =>
        $"jsonb_to_recordset(?::jsonb) as r({string.Join(", ", columns.Select(name => $"{name} {Columns.Single(c => c.Name == name).Type}"))})";

    /// <summary>The JSON array parameter of the statements above: snake_case properties named like the columns.</summary>
    public static string Json<TRow>(IEnumerable<TRow> rows) => JsonSerializer.Serialize(rows, JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>
    /// First statement of a projection's page. Its statements run prepared (auto-prepare), and PostgreSQL keeps a
    /// generic plan chosen while the tables were empty, as at the start of a rebuild: that plan scans the whole table
    /// for every page until the next ANALYZE (6 ms a page in the chain year; 0.1 ms on the primary key). Planned for
    /// their own values they stay on the key; SET LOCAL ends with the page's transaction.
    /// </summary>
    public const string PlanForTheseValuesSql = "set local plan_cache_mode = force_custom_plan";

    /// <summary>Has Marten create (and extend) the tables with its own schema migration, before the daemon or the bus start.</summary>
    public static void Register(StoreOptions options, IEnumerable<AnalystTable> tables)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tables);
        options.Storage.ExtendedSchemaObjects.AddRange(tables.Select(t => t.ToWeaselTable()));
    }
}
