using Platform.ServiceDefaults.Analytics;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Integration.Api.Queries;

public sealed record AnalystColumn(string Name, string Type, bool Nullable = true);

/// <summary>
/// One de-identified table in the shared <c>reporting</c> schema. The column list is the single source for the DDL
/// (created by Marten at start-up) and for the statements that fill it, so the two cannot drift apart.
/// </summary>
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
        }

        table.AddColumn<string>(ReportingRowSecurity.ClinicColumn).NotNull();
        return table;
    }

    public string DeleteCourseSql => $"delete from {QualifiedName} where course_key = ?";

    /// <summary>
    /// Inserts all of a course's rows from the clinic and one JSON array parameter (snake_case properties named like the
    /// columns): one statement and two parameters however many rows, and no SQL built from values.
    /// </summary>
    public string InsertFromJsonSql
    {
        get
        {
            var names = string.Join(", ", Columns.Select(c => c.Name));
            var definitions = string.Join(", ", Columns.Select(c => $"{c.Name} {c.Type}"));
            return $"insert into {QualifiedName} ({ReportingRowSecurity.ClinicColumn}, {names}) select ?, {names} from jsonb_to_recordset(?::jsonb) as r({definitions})";
        }
    }
}
