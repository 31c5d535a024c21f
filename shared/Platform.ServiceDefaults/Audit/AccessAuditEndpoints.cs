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
    /// A read is held back until its row is written: when the audit store cannot take the row, the caller gets a 503
    /// with Retry-After instead of the records, so no PHI read is ever served unaudited. A command has committed by
    /// then; its missing row is counted and logged (platform.audit.write_failures) rather than turned into an answer
    /// that would make the client repeat it.
    /// </summary>
    public static IApplicationBuilder UseAccessAudit(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (AuditedRoute(http) is not { } route)
            {
                await next(http);
            }
            else if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            {
                await ReadAsync(http, next, route);
            }
            else
            {
                await CommandAsync(http, next, route);
            }
        });

    private static async Task ReadAsync(HttpContext http, RequestDelegate next, string route)
    {
        var body = http.Response.Body;
        using var held = new MemoryStream();
        http.Response.Body = held;
        try
        {
            await next(http);
        }
        catch
        {
            // The exception handler outside answers (a 500, or a 503 when the database is unreachable); nothing was shown.
            http.Response.Body = body;
            await TryRecordAsync(http, route, StatusCodes.Status500InternalServerError);
            throw;
        }

        http.Response.Body = body;
        if (!await TryRecordAsync(http, route, http.Response.StatusCode))
        {
            http.Response.Clear();
            http.Response.Headers.RetryAfter = "5";
            await TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Temporarily unavailable",
                detail: "This read could not be recorded in the access audit, so it is not answered; retry after the time in Retry-After.",
                extensions: new Dictionary<string, object?> { [Problems.RuleIdKey] = AuditUnavailable }).ExecuteAsync(http);
            return;
        }

        held.Position = 0;
        await held.CopyToAsync(body, http.RequestAborted);
    }

    private static async Task CommandAsync(HttpContext http, RequestDelegate next, string route)
    {
        try
        {
            await next(http);
        }
        catch
        {
            // The exception handler outside answers 500; the response itself is not touched here (it may have started).
            await TryRecordAsync(http, route, StatusCodes.Status500InternalServerError);
            throw;
        }

        await TryRecordAsync(http, route, http.Response.StatusCode);
    }

    /// <summary>The rule id of a read refused because its audit row could not be written.</summary>
    public const string AuditUnavailable = "PLT-AUDIT-UNAVAILABLE";

    /// <summary>Writes the row of an authenticated request; false when the audit store could not take it.</summary>
    private static async Task<bool> TryRecordAsync(HttpContext http, string route, int status)
    {
        if (http.User.Identity?.IsAuthenticated != true)
        {
            return true;
        }

        var audit = http.RequestServices.GetRequiredService<AccessAudit>();
        try
        {
            await audit.RecordAsync(http, route, status);
            return true;
        }
        catch (Exception error) when (AccessAudit.IsUnavailable(error))
        {
            audit.Failed(http, route, error);
            return false;
        }
    }

    /// <summary>The route template of a request that is an access to records, else null (probes, docs, operations, the audit).</summary>
    private static string? AuditedRoute(HttpContext http) =>
        http.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } route }
            && !Unaudited.Any(prefix => route.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            ? route
            : null;

    public static IEndpointRouteBuilder MapAccessAudit(this IEndpointRouteBuilder app)
    {
        app.MapGet("/audit/access", FindAsync)
            .AsQuery("Audit", "Who accessed which records: subject, role, time, operation (route template), record ids, status; newest first, paged", Roles.PrivacyOfficer)
            .AcrossClinics()
            .WithDescription("Filters: recordId (a screening, patient, course, session... id in the route or in the answer: every item "
                + "of a list read is recorded), subject (the token's sub), from / to (instants), breakGlass=true (reads outside the "
                + "caller's usual reach, with a reason). E.g. who opened this course this month: ?recordId=<course id>&from=2026-11-01T00:00:00Z.");
        app.MapGet("/audit/disclosures", DisclosuresAsync)
            .AsQuery("Audit", "Accounting of disclosures (HIPAA 45 CFR 164.528): a patient's records read by other systems and FHIR clients; newest first, paged", Roles.PrivacyOfficer)
            .AcrossClinics()
            .WithDescription("patientId (required); from / to (instants; default the six years up to now, and never more than six years): "
                + "every answered read of the patient's records by the system role or through /fhir (exports included), with who, when, "
                + "which operation and which records.");
        return app;
    }

    /// <summary>How far back an accounting of disclosures reaches: the six years HIPAA 164.528 gives the patient.</summary>
    public static readonly TimeSpan DisclosurePeriod = TimeSpan.FromDays(6 * 365 + 2);

    private static async Task<Results<Ok<Page<AccessRecord>>, ValidationProblem>> DisclosuresAsync(
        [FromQuery] Guid? patientId, [FromQuery] DateTimeOffset? from, [FromQuery] DateTimeOffset? to, [FromQuery] int? limit, [FromQuery] string? cursor,
        AccessAudit audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var page = PageRequest.From(limit, cursor, errors);
        errors.Require(patientId is not null && patientId != Guid.Empty, "patientId", "is required: the patient whose disclosures are accounted for");
        var until = to ?? time.GetUtcNow();
        var since = from ?? until - DisclosurePeriod;
        if (until <= since)
        {
            errors.Add("to", "must be after from");
        }
        else if (until - since > DisclosurePeriod)
        {
            errors.Add("from", "must be at most six years before to (HIPAA 164.528 accounts for six years)");
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var rows = await audit.FindAsync(new AccessQuery(patientId, null, since, until, DisclosuresOnly: true), page.Offset, page.Fetch, cancellationToken);
        return TypedResults.Ok(page.Of(rows));
    }

    private static async Task<Results<Ok<Page<AccessRecord>>, ValidationProblem>> FindAsync(
        [FromQuery] Guid? recordId, [FromQuery] string? subject, [FromQuery] DateTimeOffset? from, [FromQuery] DateTimeOffset? to,
        [FromQuery] bool? breakGlass, [FromQuery] int? limit, [FromQuery] string? cursor, AccessAudit audit, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var page = PageRequest.From(limit, cursor, errors);
        if (from is { } f && to is { } t && t <= f)
        {
            errors.Add("to", "must be after from");
        }

        // PostgreSQL cannot compare text holding a NUL (a 500); no accepted token holds such a subject anyway.
        if (subject is not null && !Clinician.IsWellFormedSubject(subject))
        {
            errors.Add("subject", $"must be at most {Clinician.MaxSubjectLength} characters, none of them control characters");
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var rows = await audit.FindAsync(new AccessQuery(recordId, subject, from, to, breakGlass), page.Offset, page.Fetch, cancellationToken);
        return TypedResults.Ok(page.Of(rows));
    }
}
