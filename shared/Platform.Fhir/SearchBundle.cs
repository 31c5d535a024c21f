using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;

namespace Platform.Fhir;

/// <summary>A searchset Bundle of one page: the total of all matches, a <c>self</c> link and a <c>next</c> link while more follow.</summary>
public static class SearchBundle
{
    /// <param name="outcome">Warnings about the search itself (a share of the results left out, and why), as an entry with search mode <c>outcome</c>.</param>
    /// <param name="included">Resources the matches refer to that the client asked for with <c>_include</c> (search mode <c>include</c>).</param>
    public static FhirResult Of(
        HttpRequest request, IReadOnlyList<Resource> resources, string? next, int total, OperationOutcome? outcome = null, IReadOnlyList<Resource>? included = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(resources);
        var baseUrl = FhirBase.Of(request);
        var self = baseUrl + request.Path.Value![FhirProblemWriter.PathPrefix.Length..] + request.QueryString;
        var bundle = new Bundle {
            Type = Bundle.BundleType.Searchset,
            Total = total,
            Link = [new Bundle.LinkComponent { Relation = "self", Url = self }],
            Entry = [.. resources.Select(r => new Bundle.EntryComponent {
                FullUrl = $"{baseUrl}/{r.TypeName}/{r.Id}",
                Resource = r,
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            })],
        };
        bundle.Entry.AddRange((included ?? []).Select(r => new Bundle.EntryComponent {
            FullUrl = $"{baseUrl}/{r.TypeName}/{r.Id}",
            Resource = r,
            Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Include },
        }));
        if (outcome is not null)
        {
            bundle.Entry.Add(new Bundle.EntryComponent {
                FullUrl = "urn:uuid:" + Guid.NewGuid(), // the outcome has no address of its own, and every entry needs a fullUrl
                Resource = outcome,
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Outcome },
            });
        }

        if (next is not null)
        {
            var query = QueryHelpers.ParseQuery(request.QueryString.Value);
            query[FhirSearch.Cursor] = next;
            bundle.Link.Add(new Bundle.LinkComponent {
                Relation = "next",
                Url = baseUrl + request.Path.Value![FhirProblemWriter.PathPrefix.Length..] + QueryString.Create(query),
            });
        }

        return new FhirResult(bundle, StatusCodes.Status200OK);
    }
}

/// <summary>
/// The FHIR base URL the client called: the gateway keeps the client's Host on the requests it forwards and says the
/// client's scheme in X-Forwarded-Proto, so links in answers point at the gateway, not at the service behind it.
/// </summary>
public static class FhirBase
{
    public static string Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var forwarded = request.Headers["X-Forwarded-Proto"].ToString();
        var scheme = forwarded is "https" or "http" ? forwarded : request.Scheme;
        return UriHelper.BuildAbsolute(scheme, request.Host, request.PathBase, FhirProblemWriter.PathPrefix);
    }
}
