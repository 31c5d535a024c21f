using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.WebUtilities;
using Platform.Fhir;
using Task = System.Threading.Tasks.Task;

namespace Platform.Gateway;

/// <summary>
/// The search of a resource type with more than one owner (<see cref="FhirRoutes.SharedTypes"/>): the same query, with
/// the caller's Authorization, to every owner, and one searchset Bundle of their answers. <c>total</c> is the sum of the
/// owners' totals. Paging is per owner: a page holds up to <c>_count</c> entries from each owner, and the <c>next</c>
/// link carries one composite <c>_cursor</c> with the next cursor of every owner that has more; owners without more are
/// not asked again. Any owner's refusal (400, 401, 403, 503...) is the answer, unchanged: a search never silently
/// leaves an owner out.
/// </summary>
public static class FhirFanOut
{
    public const string HttpClientName = "fhir-fan-out";

    public static WebApplication MapFhirFanOut(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        foreach (var type in FhirRoutes.SharedTypes)
        {
            var owners = FhirRoutes.Table.Where(r => r.Type == type).ToList();
            app.MapGet($"/fhir/{type}", (HttpContext http, IHttpClientFactory clients, IConfiguration configuration) =>
                SearchAsync(http, type, owners, clients.CreateClient(HttpClientName), service => configuration[$"Services:{service}"]!));
        }

        return app;
    }

    /// <summary>Asks each owner (all of them on a first page, those the composite cursor names after) and merges the answers.</summary>
    public static async Task<IResult> SearchAsync(
        HttpContext http, string type, IReadOnlyList<FhirResourceRoute> owners, HttpMessageInvoker client, Func<string, string> baseUrlOf)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(owners);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(baseUrlOf);
        var cursorText = http.Request.Query[FhirSearch.Cursor].ToString();
        Dictionary<string, string>? cursors = null;
        if (cursorText.Length > 0 && !TryDecode(cursorText, out cursors))
        {
            return FhirResults.Outcome(StatusCodes.Status400BadRequest, "must be the _cursor of a next link of a previous page", Platform.Contracts.InputRules.InvalidValue, FhirSearch.Cursor);
        }

        var asked = cursors is null ? owners : [.. owners.Where(o => cursors.ContainsKey(o.Service))];
        var answers = await Task.WhenAll(asked.Select(o => AskAsync(http, type, o.Service, cursors?[o.Service], client, baseUrlOf)));
        if (answers.FirstOrDefault(a => a.Bundle is null) is { } refused)
        {
            return Results.Content(refused.Body, refused.ContentType, Encoding.UTF8, refused.Status);
        }

        var next = answers.Where(a => a.Next is not null).ToDictionary(a => a.Service, a => a.Next!);
        var resources = answers.SelectMany(a => a.Bundle!.Entry.Select(e => e.Resource!)).ToList();
        return SearchBundle.Of(http.Request, resources, next.Count > 0 ? Encode(next) : null, answers.Sum(a => a.Bundle!.Total ?? 0));
    }

    private sealed record Answer(string Service, Bundle? Bundle, string? Next, int Status, string Body, string? ContentType);

    private static async Task<Answer> AskAsync(
        HttpContext http, string type, string service, string? cursor, HttpMessageInvoker client, Func<string, string> baseUrlOf)
    {
        var query = QueryHelpers.ParseQuery(http.Request.QueryString.Value);
        query.Remove(FhirSearch.Cursor);
        if (cursor is not null)
        {
            query[FhirSearch.Cursor] = cursor;
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(baseUrlOf(service)), $"/fhir/{type}" + QueryString.Create(query)));
        if (http.Request.Headers.Authorization.Count > 0)
        {
            request.Headers.TryAddWithoutValidation("Authorization", http.Request.Headers.Authorization.ToString());
        }

        request.Headers.Accept.ParseAdd(FhirJson.MediaType);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, http.RequestAborted);
        }
        catch (HttpRequestException)
        {
            // As the proxy answers an unreachable service: 502, here as an OperationOutcome naming the owner.
            var outcome = FhirResults.Outcome(StatusCodes.Status502BadGateway, $"The {service} service, an owner of {type}, did not answer.");
            return new Answer(service, null, null, StatusCodes.Status502BadGateway, FhirJson.Serialize(outcome.Resource!), FhirJson.MediaType);
        }

        using var answered = response;
        var body = await response.Content.ReadAsStringAsync(http.RequestAborted);
        if (response.StatusCode != System.Net.HttpStatusCode.OK)
        {
            return new Answer(service, null, null, (int)response.StatusCode, body, response.Content.Headers.ContentType?.ToString());
        }

        var bundle = FhirJson.Parse<Bundle>(body);
        var nextLink = bundle.Link.FirstOrDefault(l => l.Relation == "next")?.Url;
        var nextCursor = nextLink is null ? null : QueryHelpers.ParseQuery(new Uri(nextLink).Query)[FhirSearch.Cursor].ToString();
        return new Answer(service, bundle, nextCursor, StatusCodes.Status200OK, body, null);
    }

    /// <summary>The owners' next cursors as one opaque value: base64 of a JSON object (service → cursor).</summary>
    private static string Encode(Dictionary<string, string> cursors) =>
        Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(cursors));

    private static bool TryDecode(string text, out Dictionary<string, string>? cursors)
    {
        cursors = null;
        try
        {
            cursors = JsonSerializer.Deserialize<Dictionary<string, string>>(Convert.FromBase64String(text));
            return cursors is { Count: > 0 };
        }
        catch (Exception error) when (error is FormatException or JsonException)
        {
            return false;
        }
    }
}
