using System.Net;
using System.Text.Json.Nodes;
using Platform.ServiceDefaults.Auth;

namespace EndToEnd.Tests;

/// <summary>
/// The three OpenAPI documents are what client generators and the CI linters (Spectral, Redocly) read: every operation
/// has a unique operationId and names its roles, and the documents are written to artifacts/openapi/ for the linters.
/// Also checks the headers every response carries at the edge.
/// </summary>
public sealed class OpenApiDocumentTests(Clinic clinic) : IClassFixture<Clinic>
{
    [Fact]
    public async Task Every_operation_has_a_unique_operation_id_and_the_documents_are_written_for_the_linters()
    {
        var output = Path.Combine(RepositoryRoot(), "artifacts", "openapi");
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
        }
    }

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

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Platform.sln not found above the test binaries.");
    }
}
