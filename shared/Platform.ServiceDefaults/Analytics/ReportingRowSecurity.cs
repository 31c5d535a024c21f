using Microsoft.Extensions.Hosting;
using Npgsql;

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

    /// <summary>Applies the policy to <paramref name="tables"/> at start-up, after Marten has created them.</summary>
    public static WebApplicationBuilder AddReportingRowSecurity(this WebApplicationBuilder builder, params IEnumerable<AnalystTable> tables)
    {
        ArgumentNullException.ThrowIfNull(builder);
        string[] names = [.. tables.Select(t => t.QualifiedName)];
        builder.Services.AddHostedService(services => new Policies(services.GetRequiredService<IDocumentStore>(), names));
        return builder;
    }

    private sealed class Policies(IDocumentStore store, string[] tables) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await using var connection = store.Storage.Database.CreateConnection();
            await connection.OpenAsync(cancellationToken);
            foreach (var table in tables)
            {
                // Two nodes starting together may both create the policy: the second one's duplicate is the same policy.
                await using var command = new NpgsqlCommand($"""
                    ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
                    DO $$ BEGIN
                        CREATE POLICY clinic_rows ON {table} FOR SELECT USING (reporting.may_read_clinic({ClinicColumn}));
                    EXCEPTION WHEN duplicate_object THEN NULL;
                    END $$;
                    """, connection);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
