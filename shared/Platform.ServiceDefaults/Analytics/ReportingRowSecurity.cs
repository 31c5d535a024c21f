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
        // Two nodes migrating together may both create the policy: the second one's duplicate is the same policy.
        var sql = string.Concat(tables.Select(table => $"""
            ALTER TABLE {table.QualifiedName} ENABLE ROW LEVEL SECURITY;
            DO $$ BEGIN
                CREATE POLICY clinic_rows ON {table.QualifiedName} FOR SELECT USING (reporting.may_read_clinic({ClinicColumn}));
            EXCEPTION WHEN duplicate_object THEN NULL;
            END $$;

            """));
        builder.Services.AddSingleton<ISchemaStep>(new SqlSchemaStep(_ => sql));
        return builder;
    }
}
