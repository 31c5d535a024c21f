using Npgsql;

namespace Integration.IntegrationTests;

/// <summary>
/// The list queries read through the index made for them, not every document of the clinic: the plan, with
/// sequential scans priced out (<c>enable_seqscan = off</c>, so a tiny test table does not hide a missing index),
/// names it. Read growth with the number of courses is measured in the bench (<c>read_p95_growth</c>); this keeps a
/// refactor from losing the index.
/// </summary>
public sealed class QueryPlanTests(IntegrationApp service) : IClassFixture<IntegrationApp>
{
    [Fact]
    public async Task The_active_safety_holds_list_reads_through_an_index()
    {
        await using var session = service.Host.Store.QuerySession(ClinicScope.Development);
        var command = session.Query<SafetyHoldView>().Where(h => h.ReleasedAt == null)
            .OrderBy(h => h.PlacedAt).ThenBy(h => h.Id).Take(51).ToCommand();

        var plan = await ExplainAsync(command);

        Assert.Contains("mt_doc_safetyholdview_idx_active", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
    }

    private async Task<string> ExplainAsync(NpgsqlCommand query)
    {
        await using var connection = new NpgsqlConnection(service.Host.Postgres);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using (var off = new NpgsqlCommand("set enable_seqscan = off", connection))
        {
            await off.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        await using var explain = new NpgsqlCommand("explain " + query.CommandText, connection);
        foreach (NpgsqlParameter parameter in query.Parameters)
        {
            explain.Parameters.Add(parameter.Clone());
        }

        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            lines.Add(reader.GetString(0));
        }

        return $"{query.CommandText}\n{string.Join("\n", lines)}";
    }
}
