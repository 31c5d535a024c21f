using System.Text;
using System.Text.RegularExpressions;

namespace EndToEnd.Tests;

/// <summary>Reading the services' OpenAPI documents: the generated tests walk every operation they declare.</summary>
internal static partial class OpenApiOperations
{
    public static IEnumerable<(string Method, string Path, JsonNode Operation)> All(JsonNode document) =>
        document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(o => (o.Key.ToUpperInvariant(), p.Key, o.Value!)))
            .Where(o => o.Item1 is "GET" or "POST" or "PUT" or "PATCH" or "DELETE");

    public static List<JsonNode> RouteParameters(JsonNode operation) =>
        operation["parameters"]?.AsArray().Select(p => p!).Where(p => (string?)p["in"] == "path").ToList() ?? [];

    /// <summary>The route with its parameters filled: the given value, else one the route constraint accepts.</summary>
    public static string Fill(string template, List<JsonNode> routeParameters, Func<JsonNode, string?> value)
    {
        foreach (var parameter in routeParameters)
        {
            var name = (string)parameter["name"]!;
            var format = (string?)parameter["schema"]?["format"];
            var filled = value(parameter) ?? (format == "date" ? DateTime.UtcNow.ToString("yyyy-MM-dd") : Guid.NewGuid().ToString());
            template = template.Replace("{" + name + "}", Uri.EscapeDataString(filled), StringComparison.Ordinal);
        }

        return template;
    }

    /// <summary>The roles the operation's description names ("Roles: scheduler, system."); every role for "Any authenticated caller".</summary>
    public static IReadOnlyList<string> DocumentedRoles(JsonNode operation)
    {
        var description = (string?)operation["description"] ?? string.Empty;
        var match = RolesLine().Match(description);
        if (match.Success)
        {
            return match.Groups[1].Value.Split(", ");
        }

        return description.Contains("Any authenticated caller.", StringComparison.Ordinal) ? Roles.All : [];
    }

    /// <summary>Calls an operation with a JSON body (none when null) and reads the whole answer.</summary>
    public static async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpClient client, string method, string path, string? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public static string RepositoryRoot()
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

    [GeneratedRegex(@"Roles: ([a-z-]+(?:, [a-z-]+)*)\.")]
    private static partial Regex RolesLine();
}
