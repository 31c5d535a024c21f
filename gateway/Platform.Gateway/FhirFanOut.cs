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
/// owners' totals. Paging is per owner: a page holds up to <c>_count</c> entries from each owner (entries are grouped
/// by owner, not sorted across owners), and the <c>next</c> link carries one composite <c>_cursor</c> with the next
/// cursor of every owner that has more; owners without more are not asked again. An owner that forbids the caller (403)
/// is left out with a warning entry (search mode <c>outcome</c>) while another owner answers; any other refusal (400,
/// 401, 503...), or 403 from every owner, is the answer, unchanged: a search never silently leaves an owner out.
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
        var (includes, unsupported) = http.Request.Query.ContainsKey(FhirIncludes.Parameter) ? FhirIncludes.Targets(http.Request, type) : (null, null);
        if (unsupported is not null)
        {
            return unsupported;
        }

        var cursorText = http.Request.Query[FhirSearch.Cursor].ToString();
        Composite? cursor = null;
        if (cursorText.Length > 0 && !TryDecode(cursorText, out cursor))
        {
            return FhirResults.Outcome(StatusCodes.Status400BadRequest, "must be the _cursor of a next link of a previous page", Platform.Contracts.InputRules.InvalidValue, FhirSearch.Cursor);
        }

        var asked = cursor is null ? owners : [.. owners.Where(o => cursor.Next.ContainsKey(o.Service))];
        var all = await Task.WhenAll(asked.Select(o => AskPageAsync(http, type, o.Service, cursor?.Next[o.Service], client, baseUrlOf)));

        // Owners may grant a type to different roles (Screening's scores to intake, Integration's outcomes to therapists):
        // an owner that forbids the caller is left out with a warning in the Bundle, unless every owner forbids.
        var forbidden = all.Where(a => a.Status == StatusCodes.Status403Forbidden).ToList();
        var answers = forbidden.Count < all.Length ? [.. all.Except(forbidden)] : all;
        if (answers.FirstOrDefault(a => a.Bundle is null) is { } refused)
        {
            return refused.Relay(http);
        }

        // Owners with no more pages are not asked again, so their totals travel in the cursor to keep total the same on every page.
        var next = answers.Where(a => a.Next is not null).ToDictionary(a => a.Service, a => a.Next!);
        var doneTotal = (cursor?.DoneTotal ?? 0) + answers.Where(a => a.Next is null).Sum(a => a.Bundle!.Total ?? 0);
        var total = (cursor?.DoneTotal ?? 0) + answers.Sum(a => a.Bundle!.Total ?? 0);
        var resources = answers.SelectMany(a => a.Bundle!.Entry.Select(e => e.Resource!)).ToList();
        var leftOut = forbidden.Count == 0 || forbidden.Count == all.Length ? null : LeftOut(forbidden.Select(f => (f.Service, type)));
        var (included, unread) = includes is null ? ([], []) : await FhirIncludes.ReadAsync(http, resources, includes, client, baseUrlOf);
        if (unread.Count > 0)
        {
            leftOut ??= new OperationOutcome();
            leftOut.Issue.AddRange(unread);
        }

        return SearchBundle.Of(http.Request, resources, next.Count > 0 ? Encode(new Composite(next, doneTotal)) : null, total, leftOut, included);
    }

    /// <summary>The position of a fanned-out search: the next cursor of each owner with more, and the total of those without.</summary>
    private sealed record Composite(Dictionary<string, string> Next, int DoneTotal);

    /// <summary>A warning that the given services' shares of the given types are not in the Bundle, because they forbade the caller.</summary>
    internal static OperationOutcome LeftOut(IEnumerable<(string Service, string Type)> forbidden) => new() {
        Issue = [.. forbidden.Select(f => new OperationOutcome.IssueComponent {
            Severity = OperationOutcome.IssueSeverity.Warning,
            Code = OperationOutcome.IssueType.Forbidden,
            Diagnostics = $"The {f.Service} service's {f.Type} resources are not included: the caller's role may not read them there.",
        })],
    };

    /// <summary>One owner's answer to a search: its Bundle (200) or its refusal as it came, to relay unchanged.</summary>
    internal sealed record Answer(string Service, Bundle? Bundle, string? Next, int Status, string Body, string? ContentType, string? Challenge = null)
    {
        public IResult Relay(HttpContext http)
        {
            if (Challenge is not null)
            {
                http.Response.Headers.WWWAuthenticate = Challenge; // a 401 tells the client how to authenticate
            }

            return Results.Content(Body, ContentType, Encoding.UTF8, Status);
        }
    }

    private static Task<Answer> AskPageAsync(
        HttpContext http, string type, string service, string? cursor, HttpMessageInvoker client, Func<string, string> baseUrlOf)
    {
        var query = QueryHelpers.ParseQuery(http.Request.QueryString.Value);
        query.Remove(FhirSearch.Cursor);
        query.Remove(FhirIncludes.Parameter); // the gateway answers the includes, the owners only the search
        if (cursor is not null)
        {
            query[FhirSearch.Cursor] = cursor;
        }

        return AskAsync(http, type, service, $"/fhir/{type}" + QueryString.Create(query), client, baseUrlOf);
    }

    /// <summary>
    /// Sends one GET to an owner with the caller's Authorization. A search's 200 is parsed into its Bundle and next
    /// cursor; a read's 200 and every refusal are kept as they came, to parse or to relay unchanged.
    /// </summary>
    internal static async Task<Answer> AskAsync(
        HttpContext http, string type, string service, string pathAndQuery, HttpMessageInvoker client, Func<string, string> baseUrlOf, bool search = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(baseUrlOf(service)), pathAndQuery));
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
        var body = await answered.Content.ReadAsStringAsync(http.RequestAborted);
        if (answered.StatusCode != System.Net.HttpStatusCode.OK)
        {
            var challenge = answered.Headers.WwwAuthenticate.Count > 0 ? answered.Headers.WwwAuthenticate.ToString() : null;
            return new Answer(service, null, null, (int)answered.StatusCode, body, answered.Content.Headers.ContentType?.ToString(), challenge);
        }

        if (!search)
        {
            return new Answer(service, null, null, StatusCodes.Status200OK, body, answered.Content.Headers.ContentType?.ToString());
        }

        var bundle = FhirJson.Parse<Bundle>(body);
        var nextLink = bundle.Link.FirstOrDefault(l => l.Relation == "next")?.Url;
        var nextCursor = nextLink is null ? null : QueryHelpers.ParseQuery(new Uri(nextLink).Query)[FhirSearch.Cursor].ToString();
        return new Answer(service, bundle, nextCursor, StatusCodes.Status200OK, body, null);
    }

    /// <summary>The composite position as one opaque value: base64 of its JSON.</summary>
    private static string Encode(Composite cursor) => Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(cursor));

    private static bool TryDecode(string text, out Composite? cursor)
    {
        cursor = null;
        try
        {
            cursor = JsonSerializer.Deserialize<Composite>(Convert.FromBase64String(text));
            return cursor is { Next.Count: > 0, DoneTotal: >= 0 };
        }
        catch (Exception error) when (error is FormatException or JsonException)
        {
            return false;
        }
    }
}
