namespace EndToEnd.Tests;

/// <summary>
/// The three OpenAPI documents are what client generators and the CI linters (Spectral, Redocly) read: every operation
/// has a unique operationId and names its roles, every creating request has an example, and the documents are written to artifacts/openapi/ for the linters.
/// Also checks the headers every response carries at the edge.
/// </summary>
public sealed class OpenApiDocumentTests(Clinic clinic) : IClassFixture<Clinic>
{
    [Fact]
    public async Task Every_operation_has_a_unique_operation_id_and_the_documents_are_written_for_the_linters()
    {
        var output = Path.Combine(OpenApiOperations.RepositoryRoot(), "artifacts", "openapi");
        Directory.CreateDirectory(output);
        foreach (var (name, client) in new[]
                 {
                     ("screening", clinic.Screening.CreateClient()),
                     ("scheduling", clinic.Scheduling.CreateClient()),
                     ("integration", clinic.Integration.CreateClient()),
                 })
        {
            var text = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
            await File.WriteAllTextAsync(Path.Combine(output, name + ".json"), text);

            var operations = JsonNode.Parse(text)!["paths"]!.AsObject()
                .SelectMany(path => path.Value!.AsObject().Select(op => (Route: $"{op.Key} {path.Key}", Operation: op.Value!)))
                .ToList();
            Assert.NotEmpty(operations);
            Assert.All(operations, o => Assert.False(string.IsNullOrEmpty((string?)o.Operation["operationId"]), o.Route + " has no operationId"));
            Assert.Equal(operations.Count, operations.Select(o => (string?)o.Operation["operationId"]).Distinct().Count());
            Assert.All(operations, o => Assert.True(o.Operation["responses"]?["401"] is not null, o.Route + " does not declare 401"));

            // A creating request (one that takes an Idempotency-Key) shows a body a client can start from.
            var creating = operations.Where(o => o.Operation["requestBody"] is not null
                && o.Operation["parameters"]?.AsArray().Any(p => (string?)p?["name"] == "Idempotency-Key") == true).ToList();
            Assert.NotEmpty(creating);
            Assert.All(creating, o => Assert.True(
                o.Operation["requestBody"]!["content"]?["application/json"]?["example"] is not null, o.Route + " has no request example"));
        }
    }

    /// <summary>
    /// Every operation × every role, as the running services answer it (403 without a rule id: the role may not call
    /// it; a 403 with a rule id is a refusal about the record, after the role was let in), must equal both what the
    /// operation's description says and the reviewed matrix in docs/authorization-matrix.md. A change of access is
    /// therefore always a visible change of that file. No token is a 401 everywhere.
    /// </summary>
    [Fact]
    public async Task Every_operation_admits_exactly_the_roles_of_the_checked_in_matrix()
    {
        var rows = new List<string>();
        var failures = new List<string>();
        foreach (var (name, host) in new (string, Func<string?, HttpClient>)[]
                 {
                     ("screening", r => r is null ? clinic.Screening.CreateClient() : clinic.Screening.ClientFor(r, "matrix")),
                     ("scheduling", r => r is null ? clinic.Scheduling.CreateClient() : clinic.Scheduling.ClientFor(r, "matrix")),
                     ("integration", r => r is null ? clinic.Integration.CreateClient() : clinic.Integration.ClientFor(r, "matrix")),
                 })
        {
            var document = JsonNode.Parse(await host(null).GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)))!;
            foreach (var (method, template, operation) in OpenApiOperations.All(document).OrderBy(o => o.Path, StringComparer.Ordinal).ThenBy(o => o.Method, StringComparer.Ordinal))
            {
                var path = OpenApiOperations.Fill(template, OpenApiOperations.RouteParameters(operation), _ => null);
                if (await SendAsync(host(null), method, path) is var (anonymous, _) && anonymous != HttpStatusCode.Unauthorized)
                {
                    failures.Add($"{name} {method} {template}: {(int)anonymous} without a token");
                }

                var admitted = new List<string>();
                foreach (var role in Roles.All)
                {
                    var (status, body) = await SendAsync(host(role), method, path);
                    if (status != HttpStatusCode.Unauthorized && !(status == HttpStatusCode.Forbidden && !body.Contains("\"ruleId\"", StringComparison.Ordinal)))
                    {
                        admitted.Add(role);
                    }
                }

                var documented = OpenApiOperations.DocumentedRoles(operation);
                if (!documented.Order().SequenceEqual(admitted.Order()))
                {
                    failures.Add($"{name} {method} {template}: documents [{string.Join(", ", documented)}] but admits [{string.Join(", ", admitted)}]");
                }

                rows.Add($"| {name} | `{method} {template}` | " + string.Join(" | ", Roles.All.Select(r => admitted.Contains(r) ? "✓" : " ")) + " |");
            }
        }

        var file = Path.Combine(OpenApiOperations.RepositoryRoot(), "docs", "authorization-matrix.md");
        var expected = File.ReadAllLines(file).Where(l => l.StartsWith("| screening |", StringComparison.Ordinal)
            || l.StartsWith("| scheduling |", StringComparison.Ordinal) || l.StartsWith("| integration |", StringComparison.Ordinal)).ToList();
        if (!expected.SequenceEqual(rows))
        {
            var actual = Path.Combine(OpenApiOperations.RepositoryRoot(), "artifacts", "authorization-matrix.actual.md");
            Directory.CreateDirectory(Path.GetDirectoryName(actual)!);
            await File.WriteAllLinesAsync(actual, rows);
            failures.Add($"docs/authorization-matrix.md differs from what the services admit (the observed rows are in {actual}):\n"
                + string.Join('\n', rows.Except(expected).Select(r => "observed " + r).Concat(expected.Except(rows).Select(r => "in file  " + r)).DefaultIfEmpty("(the same rows in another order: the file lists them by path, then method)")));
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private static Task<(HttpStatusCode Status, string Body)> SendAsync(HttpClient client, string method, string path) =>
        OpenApiOperations.SendAsync(client, method, path, method is "POST" or "PUT" or "PATCH" ? "{}" : null);

    [Fact]
    public async Task Responses_are_never_cached_or_sniffed_and_a_token_without_a_subject_is_refused()
    {
        var anonymous = clinic.Screening.CreateClient();
        using var response = await anonymous.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());

        var settings = clinic.Screening.Services.GetService(typeof(JwtSettings)) as JwtSettings;
        var noSubject = DevTokens.Mint(settings!, Roles.Prescriber, subject: "", TimeSpan.FromHours(1));
        var longLived = DevTokens.Mint(settings!, Roles.Prescriber, subject: "dr-long", TimeSpan.FromDays(30));
        foreach (var token in new[] { noSubject, longLived })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/review-queue");
            request.Headers.Authorization = new("Bearer", token);
            using var refused = await anonymous.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
    }
}
