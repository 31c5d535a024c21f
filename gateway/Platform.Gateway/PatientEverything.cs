using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.WebUtilities;
using Platform.Fhir;
using Task = System.Threading.Tasks.Task;

namespace Platform.Gateway;

/// <summary>
/// <c>GET /fhir/Patient/{id}/$everything</c>: the patient's record from every service in one searchset Bundle, the
/// Patient first, then every resource type the routing table can search by <c>patient</c>, every page of it. Each
/// service is asked with the caller's token, so each applies its own roles and clinic and writes its own access-audit
/// rows; a service that forbids the caller a type is left out with a warning entry (as a fanned-out search does), and
/// any other refusal is the answer. A record larger than <see cref="MaxEntries"/> is refused rather than cut short.
/// </summary>
public static class PatientEverything
{
    public const int MaxEntries = 10_000;

    /// <summary>The page size each search is asked for: the largest a service answers.</summary>
    private const int PageSize = 200;

    public static WebApplication MapPatientEverything(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/fhir/Patient/{patientId}/$everything", (string patientId, HttpContext http, IHttpClientFactory clients, IConfiguration configuration) =>
            EverythingAsync(http, patientId, clients.CreateClient(FhirFanOut.HttpClientName), service => configuration[$"Services:{service}"]!));
        return app;
    }

    public static async Task<IResult> EverythingAsync(HttpContext http, string patientId, HttpMessageInvoker client, Func<string, string> baseUrlOf)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Request.Query.Count > 0)
        {
            // start, end, _since, _type and _count are not implemented: strict, as every search here, rather than ignored.
            return FhirResults.Outcome(StatusCodes.Status400BadRequest, "$everything takes no parameters here", Platform.Contracts.InputRules.InvalidValue, http.Request.Query.Keys.First());
        }

        var owner = FhirRoutes.Table.Single(r => r.Type == "Patient").Service;
        var read = await FhirFanOut.AskAsync(http, "Patient", owner, $"/fhir/Patient/{Uri.EscapeDataString(patientId)}", client, baseUrlOf, search: false);
        if (read.Status != StatusCodes.Status200OK)
        {
            return read.Relay(http);
        }

        var patient = FhirJson.Parse<Patient>(read.Body);
        var searches = FhirRoutes.Table.Where(r => r.SearchParameters.Any(p => p.Name == "patient")).ToList();
        var shares = await Task.WhenAll(searches.Select(r => AllPagesAsync(http, r, patient.Id ?? patientId, client, baseUrlOf)));
        if (shares.FirstOrDefault(s => s.Refused is { Status: not StatusCodes.Status403Forbidden }) is { Refused: { } refused })
        {
            return refused.Relay(http);
        }

        var resources = shares.SelectMany(s => s.Resources).ToList();
        if (resources.Count >= MaxEntries)
        {
            return FhirResults.Outcome(StatusCodes.Status422UnprocessableEntity, $"The record holds more than {MaxEntries} resources; export it with the per-type searches.");
        }

        var forbidden = shares.Where(s => s.Refused is not null).Select(s => (s.Route.Service, s.Route.Type)).ToList();
        return SearchBundle.Of(http.Request, [patient, .. resources], next: null, total: resources.Count + 1, forbidden.Count > 0 ? FhirFanOut.LeftOut(forbidden) : null);
    }

    private sealed record Share(FhirResourceRoute Route, IReadOnlyList<Resource> Resources, FhirFanOut.Answer? Refused);

    /// <summary>Every page of one owner's search of one type for the patient, or its refusal; stops past <see cref="MaxEntries"/>.</summary>
    private static async Task<Share> AllPagesAsync(HttpContext http, FhirResourceRoute route, string patientId, HttpMessageInvoker client, Func<string, string> baseUrlOf)
    {
        var resources = new List<Resource>();
        string? cursor = null;
        do
        {
            var query = new Dictionary<string, string?> { ["patient"] = $"Patient/{patientId}", [FhirSearch.Count] = PageSize.ToString(CultureInfo.InvariantCulture) };
            if (cursor is not null)
            {
                query[FhirSearch.Cursor] = cursor;
            }

            var answer = await FhirFanOut.AskAsync(http, route.Type, route.Service, QueryHelpers.AddQueryString($"/fhir/{route.Type}", query), client, baseUrlOf);
            if (answer.Bundle is null)
            {
                return new Share(route, [], answer);
            }

            resources.AddRange(answer.Bundle.Entry.Where(e => e.Search?.Mode != Bundle.SearchEntryMode.Outcome).Select(e => e.Resource!));
            cursor = answer.Next;
        }
        while (cursor is not null && resources.Count < MaxEntries);
        return new Share(route, resources, null);
    }
}
