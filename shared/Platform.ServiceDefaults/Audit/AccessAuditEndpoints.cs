using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Platform.ServiceDefaults.Auth;

namespace Platform.ServiceDefaults.Audit;

public static class AccessAuditEndpoints
{
    /// <summary>Routes whose requests are not accesses to patient records: probes, the API description, operations, the audit itself.</summary>
    private static readonly string[] Unaudited = ["/health", "/openapi", "/scalar", "/operations", "/audit"];

    /// <summary>
    /// Before authentication on purpose: once the request is answered its caller is known, and refused attempts
    /// (403, 429) are accesses an auditor wants to see too. Anonymous requests have no one to record (401).
    /// </summary>
    public static IApplicationBuilder UseAccessAudit(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            try
            {
                await next(http);
            }
            catch
            {
                // The exception handler outside answers 500; the response itself is not touched here (it may have started).
                await RecordAsync(http, StatusCodes.Status500InternalServerError);
                throw;
            }

            await RecordAsync(http, http.Response.StatusCode);
        });

    public static IEndpointRouteBuilder MapAccessAudit(this IEndpointRouteBuilder app)
    {
        app.MapGet("/audit/access", FindAsync)
            .AsQuery("Audit", "Who accessed which records: subject, role, time, operation (route template), record ids, status; newest first, paged", Roles.PrivacyOfficer)
            .AcrossClinics()
            .WithDescription("Filters: recordId (a screening, patient, course, session... id in the route), subject (the token's sub), "
                + "from / to (instants). E.g. who opened this course this month: ?recordId=<course id>&from=2026-11-01T00:00:00Z.");
        return app;
    }

    private static Task RecordAsync(HttpContext http, int status) =>
        http.User.Identity?.IsAuthenticated == true
            && http.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } route }
            && !Unaudited.Any(prefix => route.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            ? http.RequestServices.GetRequiredService<AccessAudit>().RecordAsync(http, route, status)
            : Task.CompletedTask;

    private static async Task<Results<Ok<Page<AccessRecord>>, ValidationProblem>> FindAsync(
        [FromQuery] Guid? recordId, [FromQuery] string? subject, [FromQuery] DateTimeOffset? from, [FromQuery] DateTimeOffset? to,
        [FromQuery] int? limit, [FromQuery] string? cursor, AccessAudit audit, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var page = PageRequest.From(limit, cursor, errors);
        if (from is { } f && to is { } t && t <= f)
        {
            errors.Add("to", "must be after from");
        }

        if (subject is { Length: > 200 })
        {
            errors.Add("subject", "must be at most 200 characters");
        }

        // PostgreSQL cannot compare text holding a NUL (a 500): no token subject holds a control character anyway.
        if (subject is not null && subject.Any(char.IsControl))
        {
            errors.Add("subject", "must not contain control characters");
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var rows = await audit.FindAsync(new AccessQuery(recordId, subject, from, to), page.Offset, page.Fetch, cancellationToken);
        return TypedResults.Ok(page.Of(rows));
    }
}
