using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.RateLimiting;
using Platform.Contracts;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// What every response gets at the edge: no caching of PHI by browsers or proxies, no content sniffing, no Server
/// header, and a per-caller rate limit (429 with Retry-After) so one runaway client cannot starve a clinic's day.
/// </summary>
public static class EdgeProtection
{
    /// <summary>Requests per caller (token subject, else client address) per minute; "RateLimit:PermitsPerMinute".</summary>
    public const int DefaultPermitsPerMinute = 600;

    /// <summary>
    /// The largest body any endpoint reads ("Http:MaxRequestBodyBytes"): a full intake is a few kilobytes, so 256 KiB
    /// leaves room and keeps one request from costing the service megabytes to parse.
    /// </summary>
    public const long DefaultMaxRequestBodyBytes = 256 * 1024;

    public static long MaxRequestBodyBytes(IConfiguration configuration) =>
        configuration.GetValue("Http:MaxRequestBodyBytes", DefaultMaxRequestBodyBytes);

    public static WebApplicationBuilder AddEdgeProtection(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(o =>
        {
            o.AddServerHeader = false;
            o.Limits.MaxRequestBodySize = MaxRequestBodyBytes(builder.Configuration);
        });
        var permits = builder.Configuration.GetValue("RateLimit:PermitsPerMinute", DefaultPermitsPerMinute);
        builder.Services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                RateLimitPartition.GetFixedWindowLimiter(
                    http.User.FindFirst(Clinician.SubjectClaim)?.Value ?? http.Connection.RemoteIpAddress?.ToString() ?? "anonymous",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                await TypedResults.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many requests",
                    detail: $"At most {permits} requests per minute per caller; retry after the time in Retry-After.").ExecuteAsync(context.HttpContext);
            };
        });
        return builder;
    }

    /// <summary>
    /// Refuses a body declared larger than the limit with a 413 naming it, before a byte is read (Kestrel enforces the
    /// same limit on bodies sent without a length).
    /// </summary>
    public static WebApplication UseRequestBodyLimit(this WebApplication app)
    {
        var limit = MaxRequestBodyBytes(app.Configuration);
        app.Use(async (context, next) =>
        {
            if (context.Request.ContentLength > limit)
            {
                await TypedResults.Problem(
                    statusCode: StatusCodes.Status413PayloadTooLarge,
                    title: "Request body too large",
                    detail: $"The body may be at most {limit} bytes (Http:MaxRequestBodyBytes).",
                    extensions: new Dictionary<string, object?> { [Problems.RuleIdKey] = InputRules.TooLarge }).ExecuteAsync(context);
                return;
            }

            await next(context);
        });
        return app;
    }

    /// <summary>Before authentication, so even a 401 carries the headers.</summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.CacheControl = "no-store";
                context.Response.Headers.XContentTypeOptions = "nosniff";
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }
}
