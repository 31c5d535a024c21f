using Npgsql;
using Platform.ServiceDefaults.Marten;

namespace Platform.ServiceDefaults.Analytics;

/// <summary>
/// Row-level security on a service's analyst tables: a database login reads only the rows of the clinics that
/// <c>reporting.analyst_clinics</c> grants it (<c>*</c> for the whole chain; deploy/postgres/database.sql), so a
/// clinic's analysts query the same tables with SQL and see their clinic only. The service owns its tables, and an
/// owner is not subject to the policy, so the projections still write every clinic's rows.
/// </summary>
public static class ReportingRowSecurity
{
    /// <summary>The column every reporting table carries: the clinic of the row.</summary>
    public const string ClinicColumn = "clinic";

    /// <summary>Applies the policy to <paramref name="tables"/> as a schema migration step, after Marten has created them.</summary>
    public static WebApplicationBuilder AddReportingRowSecurity(this WebApplicationBuilder builder, params IEnumerable<AnalystTable> tables)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<ISchemaStep>(new Policies([.. tables.Select(t => t.QualifiedName)]));
        return builder;
    }

    private sealed class Policies(string[] tables) : ISchemaStep
    {
        // Two nodes migrating together may both create the policy: the second one's duplicate is the same policy.
        private string Sql => string.Concat(tables.Select(table => $"""
            ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
            DO $$ BEGIN
                CREATE POLICY clinic_rows ON {table} FOR SELECT USING (reporting.may_read_clinic({ClinicColumn}));
            EXCEPTION WHEN duplicate_object THEN NULL;
            END $$;

            """));

        public string Describe(IDocumentStore store) => Sql;

        public async Task ApplyAsync(IDocumentStore store, CancellationToken cancellationToken)
        {
            await using var connection = store.Storage.Database.CreateConnection();
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(Sql, connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
