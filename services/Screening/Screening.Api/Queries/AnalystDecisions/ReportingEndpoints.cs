using Npgsql;

namespace Screening.Api.Queries;

/// <summary>The analysts' only door into this service: the de-identified table, never the screening streams.</summary>
public static class ReportingEndpoints
{
    public static IEndpointRouteBuilder MapReporting(this IEndpointRouteBuilder app)
    {
        app.MapGet("/reporting/screening-decisions", GetDecisions)
            .AsQuery(
                "Reporting",
                "De-identified screening outcomes (pseudonymous keys, indication, route, rule categories, months); optional ?fromMonth=2026-01-01; paged with limit/cursor (follow next to the end)",
                Roles.Analyst)
            .AcrossClinics();
        return app;
    }

    /// <summary>Paged so an export of any size arrives whole: the client follows <c>next</c> until it is null.</summary>
    private static async Task<Results<Ok<Page<ScreeningDecisionRow>>, ValidationProblem>> GetDecisions(
        DateOnly? fromMonth, int? limit, string? cursor, IDocumentStore store, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var page = PageRequest.From(limit, cursor, errors);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var rows = await ClinicDatabases.ReadAcrossAsync(
            store, (connection, offset, fetch) => ReadAsync(connection, fromMonth, offset, fetch, ct), ByMonthThenKey, page.Offset, page.Fetch, ct);
        return TypedResults.Ok(page.Of(rows));
    }

    /// <summary>The SQL's order, for the merge across databases; Guid.CompareTo orders uuids as PostgreSQL does.</summary>
    private static readonly Comparer<ScreeningDecisionRow> ByMonthThenKey = Comparer<ScreeningDecisionRow>.Create((a, b) =>
        a.ReferralMonth.CompareTo(b.ReferralMonth) is var month and not 0
            ? month
            : a.ScreeningKey.CompareTo(b.ScreeningKey));

    private static async Task<List<ScreeningDecisionRow>> ReadAsync(NpgsqlConnection connection, DateOnly? fromMonth, int offset, int fetch, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "select screening_key, clinic, course_key, indication, route, referral_month, eligibility_outcome, outcome, fired_rule_categories, " +
            $"protocol_version, decision_month, re_screening_required from {AnalystTables.ScreeningDecisions.QualifiedName} " +
            "where referral_month >= @from and (@clinics::text[] is null or clinic = any(@clinics)) " +
            "order by referral_month, screening_key limit @fetch offset @offset",
            connection);
        command.Parameters.AddWithValue("from", fromMonth ?? DateOnly.MinValue);
        // A chain-level analyst sees every clinic; a clinic's analyst only the clinics the token grants.
        command.Parameters.Add(ClinicScope.GrantedParameter());
        command.Parameters.AddWithValue("fetch", fetch);
        command.Parameters.AddWithValue("offset", offset);

        var rows = new List<ScreeningDecisionRow>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new ScreeningDecisionRow(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetGuid(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetFieldValue<DateOnly>(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.GetString(7),
                reader.GetFieldValue<string[]>(8),
                reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.IsDBNull(10) ? null : reader.GetFieldValue<DateOnly>(10),
                reader.GetBoolean(11)));
        }

        return rows;
    }
}
