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

    /// <summary>
    /// Requests served at once ("Http:MaxConcurrentRequests") and waiting ("Http:RequestQueueLimit"): two per core,
    /// and as many waiting. A service's work is CPU and WAL flushes, so requests beyond that only share the same cores
    /// and stretch every answer; measured on 2 cores (bench/README.md, "The admission limit, measured"), 4 and 4 held
    /// the overload's admitted p99 at 141 to 194 ms where 8 and 8 gave 376 to 554 ms, and refused fewer requests at
    /// 200 req/s. Never more than the database pool can serve (each request may hold a connection for its work and
    /// wait on one audit batch; <see cref="Platform.ServiceDefaults.Marten.PlatformMarten.DefaultMaxPoolSize"/>).
    /// </summary>
    public static int DefaultMaxConcurrentRequests { get; } =
        Math.Min(2 * Environment.ProcessorCount, Platform.ServiceDefaults.Marten.PlatformMarten.DefaultMaxPoolSize / 2);

    public static int DefaultRequestQueueLimit { get; } = DefaultMaxConcurrentRequests;

    /// <summary>The rule id of a request refused because the service is at capacity.</summary>
    public const string AtCapacity = "PLT-AT-CAPACITY";

    /// <summary>
    /// Admission at the edge. Past its capacity a service used to queue every request until the database pool timed
    /// out (p99 51 s, half the requests failed, PHI reads lost their audit rows). Now at most a fixed number run and a
    /// short queue waits; everything beyond is answered at once with a 503 and Retry-After, before any work (and
    /// before the audit: nothing was read). Probes are never refused, so readiness still tells the truth.
    /// </summary>
    public static WebApplication UseAdmissionLimit(this WebApplication app)
    {
        var permits = app.Configuration.GetValue("Http:MaxConcurrentRequests", DefaultMaxConcurrentRequests);
        var queue = app.Configuration.GetValue("Http:RequestQueueLimit", DefaultRequestQueueLimit);
        var limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions {
            PermitLimit = permits,
            QueueLimit = queue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        app.Lifetime.ApplicationStopped.Register(limiter.Dispose);
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/health"))
            {
                await next(context);
                return;
            }

            using var lease = await limiter.AcquireAsync(1, context.RequestAborted);
            if (!lease.IsAcquired)
            {
                context.Response.Headers.RetryAfter = "1";
                await TypedResults.Problem(
                    statusCode: StatusCodes.Status503ServiceUnavailable,
                    title: "At capacity",
                    detail: $"The service is serving {permits} requests and has {queue} waiting; retry after the time in Retry-After.",
                    extensions: new Dictionary<string, object?> { [Problems.RuleIdKey] = AtCapacity }).ExecuteAsync(context);
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
