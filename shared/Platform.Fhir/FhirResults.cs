using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Platform.Fhir;

/// <summary>
/// A FHIR answer: the resource as <c>application/fhir+json</c>, with the stream version as <c>ETag: W/"n"</c> (a
/// version-aware client sends it back in If-Match) and, for a created resource, its Location.
/// </summary>
public sealed class FhirResult(Resource? resource, int status, long? version = null, string? location = null) : IResult, IStatusCodeHttpResult
{
    public Resource? Resource => resource;

    public int StatusCode => status;

    int? IStatusCodeHttpResult.StatusCode => status;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = status;
        if (version is { } v)
        {
            response.Headers.ETag = FhirResults.ETag(v);
        }

        if (location is not null)
        {
            response.Headers.Location = location;
        }

        if (resource is null)
        {
            return;
        }

        response.ContentType = FhirJson.MediaType + "; charset=utf-8";
        await response.WriteAsync(FhirJson.Serialize(resource), httpContext.RequestAborted);
    }
}

public static class FhirResults
{
    public static string ETag(long version) => $"W/\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>A read: the resource at its stream version (<c>meta.versionId</c> and the ETag say the same).</summary>
    public static FhirResult Read(Resource resource, long version)
    {
        ArgumentNullException.ThrowIfNull(resource);
        Stamp(resource, version);
        return new FhirResult(resource, StatusCodes.Status200OK, version);
    }

    /// <summary>
    /// A create (201) or a conditional create that found the resource already there (200), shaped by the client's
    /// <c>Prefer: return=</c>: <c>minimal</c> answers headers only, <c>OperationOutcome</c> an informational outcome,
    /// anything else (and no header) the resource itself.
    /// </summary>
    public static FhirResult Created(HttpRequest request, Resource resource, long version, bool existed)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(resource);
        Stamp(resource, version);
        var status = existed ? StatusCodes.Status200OK : StatusCodes.Status201Created;
        var location = $"{resource.TypeName}/{resource.Id}/_history/{version.ToString(CultureInfo.InvariantCulture)}";
        Resource? body = Prefer(request) switch {
            "minimal" => null,
            "OperationOutcome" => new OperationOutcome {
                Issue = [new OperationOutcome.IssueComponent {
                    Severity = OperationOutcome.IssueSeverity.Information,
                    Code = OperationOutcome.IssueType.Informational,
                    Diagnostics = existed ? $"{location} already existed for this identifier." : $"Created {location}.",
                }],
            },
            _ => resource,
        };
        return new FhirResult(body, status, version, location);
    }

    /// <summary>An error answered as an OperationOutcome with the given status.</summary>
    public static FhirResult Outcome(int status, string message, string? ruleId = null, string? expression = null) =>
        new(new OperationOutcome { Issue = [FhirOutcome.Issue(FhirOutcome.IssueTypeOf(status), message, ruleId, expression)] }, status);

    public static FhirResult NotFound(string type, string id) =>
        Outcome(StatusCodes.Status404NotFound, $"{type}/{id} was not found.");

    public static FhirResult Invalid(FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return FromProblem(Problems.Invalid(errors));
    }

    /// <summary>A problem the shared write path answered (a 400 with field errors, a rule's refusal), as an OperationOutcome.</summary>
    public static FhirResult FromProblem(IResult problem) => problem switch {
        ValidationProblem invalid => new FhirResult(FhirOutcome.From(invalid.ProblemDetails, invalid.StatusCode), invalid.StatusCode),
        ProblemHttpResult refused => new FhirResult(FhirOutcome.From(refused.ProblemDetails, refused.StatusCode), refused.StatusCode),
        _ => throw new ArgumentException($"{problem.GetType().Name} is not a problem answer.", nameof(problem)),
    };

    /// <summary>The value of <c>return=</c> in the Prefer header, or null.</summary>
    public static string? Prefer(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers["Prefer"].ToString()
            .Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p.StartsWith("return=", StringComparison.Ordinal))
            .Select(p => p["return=".Length..])
            .FirstOrDefault();
    }

    /// <summary>The resource with <c>meta.versionId</c> set: a search entry carries its version as a read would.</summary>
    public static T Stamped<T>(T resource, long version)
        where T : Resource
    {
        Stamp(resource, version);
        return resource;
    }

    private static void Stamp(Resource resource, long version)
    {
        ArgumentNullException.ThrowIfNull(resource);
        resource.Meta ??= new Meta();
        resource.Meta.VersionId = version.ToString(CultureInfo.InvariantCulture);
    }

    internal static FhirResult From(ProblemDetails problem, int status) => new(FhirOutcome.From(problem, status), status);
}
