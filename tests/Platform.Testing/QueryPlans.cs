using Npgsql;

namespace Platform.Testing;

/// <summary>
/// The plan PostgreSQL picks for a Marten query, with sequential scans priced out (<c>enable_seqscan = off</c>) so a
/// small test table cannot hide a missing index: the plan still scans only when no index can serve the query.
/// </summary>
public static class QueryPlans
{
    /// <summary>The query's SQL and its plan, one string, for asserting on and for the failure message.</summary>
    public static async Task<string> ExplainAsync(string connectionString, NpgsqlCommand query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var ct = TestContext.Current.CancellationToken;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using (var off = new NpgsqlCommand("set enable_seqscan = off", connection))
        {
            await off.ExecuteNonQueryAsync(ct);
        }

        await using var explain = new NpgsqlCommand("explain " + query.CommandText, connection);
        foreach (NpgsqlParameter parameter in query.Parameters)
        {
            explain.Parameters.Add(parameter.Clone());
        }

        var lines = new List<string> { query.CommandText };
        await using var reader = await explain.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join("\n", lines);
    }

    /// <summary>Fails, showing the plan, unless it reads through <paramref name="index"/> and scans no table.</summary>
    public static void AssertReadsThrough(string plan, string index)
    {
        Assert.True(plan.Contains(index, StringComparison.Ordinal) && !plan.Contains("Seq Scan", StringComparison.Ordinal), $"expected a read through {index}:\n{plan}");
    }
}
