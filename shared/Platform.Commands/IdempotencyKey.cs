using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Platform.Commands;

/// <summary>
/// Idempotency of creating POSTs, the same in every service. The first success with a key stores an
/// <see cref="IdempotencyRecord"/> in the same transaction as its events: a hash of the request body and the answer.
/// A retry with the same key and body gets that answer back (same status, same ids); the same key with another body is
/// a 409 <see cref="ReusedRuleId"/>. A retry that races the original loses on the database's unique ids and is then
/// answered from the record the winner committed, so no answer ever carries an id that was not stored.
/// </summary>
public static class IdempotencyKey
{
    public const string Header = "Idempotency-Key";

    /// <summary>The one rule id of every service for a key sent again with a different request.</summary>
    public const string ReusedRuleId = "IDEMPOTENCY-KEY-REUSED";

    /// <summary>Marks an answer served from the stored record rather than by running the command again.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    public const int MaxLength = 200;

    public static string? Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = request.Headers[Header].ToString();
        return string.IsNullOrWhiteSpace(key) ? null : key.Trim();
    }

    /// <summary>A stable id for (scope, key): a name-based UUID (version 8, SHA-256).</summary>
    public static Guid ToStreamId(string scope, string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(scope + "\n" + key));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    /// <summary>
    /// Adds the record of this request's answer to the session, to commit with the command's events. Does nothing when
    /// the request carries no key or its endpoint does not accept one. Call it just before <c>SaveChangesAsync</c>.
    /// </summary>
    public static void Stage(HttpContext http, IDocumentSession session, int status, object? body, string? location = null, long? version = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(session);
        if (http.Features.Get<IdempotencyScope>() is not { } scope)
        {
            return;
        }

        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        session.Insert(new IdempotencyRecord {
            Id = scope.RecordId,
            RequestHash = scope.RequestHash,
            Status = status,
            Body = body is null ? null : JsonSerializer.Serialize(body, body.GetType(), options),
            Location = location,
            ETag = version is { } v ? ETags.From(v) : null,
            RecordedAt = DateTimeOffset.UtcNow,
        });
    }

    /// <summary>The record's id: who asked (token subject), where (method and path) and the key, hashed.</summary>
    internal static string RecordId(HttpContext http, string key)
    {
        var subject = http.User.FindFirst("sub")?.Value ?? string.Empty;
        return Hex($"{http.Request.Method} {http.Request.Path.Value?.ToLowerInvariant()}\n{subject}\n{key}");
    }

    /// <summary>
    /// The request body as bound, serialised with the API's own JSON options: whitespace, property order and omitted
    /// optional fields do not change it; any changed value does. Only the hash is stored (the body may hold PHI).
    /// </summary>
    internal static string RequestHash(EndpointFilterInvocationContext context)
    {
        var http = context.HttpContext;
        var bodyType = http.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var body = bodyType is null ? null : context.Arguments.FirstOrDefault(a => a is not null && bodyType.IsInstanceOfType(a));
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return Hex(body is null ? "null" : JsonSerializer.Serialize(body, body.GetType(), options));
    }

    /// <summary>The stored answer when the body is the same; otherwise the 409 naming the key.</summary>
    internal static IResult Answer(HttpContext http, IdempotencyRecord record, IdempotencyScope scope)
    {
        if (!string.Equals(record.RequestHash, scope.RequestHash, StringComparison.Ordinal))
        {
            return Problems.Rejected(
                new Rejection(ReusedRuleId, $"The {Header} '{scope.Key}' was already used for a different request. Send a new key for a new request; resend the original body to get the original answer."),
                StatusCodes.Status409Conflict);
        }

        http.Response.Headers[ReplayedHeader] = "true";
        if (record.Location is { } location)
        {
            http.Response.Headers.Location = location;
        }

        if (record.ETag is { } etag)
        {
            http.Response.Headers.ETag = etag;
        }

        return record.Body is null
            ? Results.StatusCode(record.Status)
            : Results.Text(record.Body, "application/json", Encoding.UTF8, record.Status);
    }

    private static string Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

/// <summary>
/// The stored answer to a creating POST sent with an Idempotency-Key. Holds hashes and the answer (ids and version),
/// never the request body or the key in clear: both may carry PHI.
/// </summary>
public sealed class IdempotencyRecord
{
    /// <summary>SHA-256 of method, path, caller and key.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>SHA-256 of the canonical request body.</summary>
    public string RequestHash { get; set; } = string.Empty;

    public int Status { get; set; }

    public string? Body { get; set; }

    public string? Location { get; set; }

    public string? ETag { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>The key of the current request, set by <see cref="IdempotencyFilter"/> for <see cref="IdempotencyKey.Stage"/>.</summary>
public sealed record IdempotencyScope(string RecordId, string Key, string RequestHash);

/// <summary>
/// Runs around every endpoint marked <c>AcceptsIdempotencyKey()</c>: answers a repeated key from its record, and
/// when the command failed because a concurrent request with the same key committed first, answers from that record.
/// </summary>
public sealed class IdempotencyFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (IdempotencyKey.Read(http.Request) is not { } key)
        {
            return await next(context);
        }

        if (key.Length > IdempotencyKey.MaxLength)
        {
            return Problems.Invalid(IdempotencyKey.Header, $"must be at most {IdempotencyKey.MaxLength} characters");
        }

        var scope = new IdempotencyScope(IdempotencyKey.RecordId(http, key), key, IdempotencyKey.RequestHash(context));
        var session = http.RequestServices.GetRequiredService<IDocumentSession>();
        if (await session.LoadAsync<IdempotencyRecord>(scope.RecordId, http.RequestAborted) is { } earlier)
        {
            return IdempotencyKey.Answer(http, earlier, scope);
        }

        http.Features.Set(scope);
        object? result;
        try
        {
            result = await next(context);
        }
        catch (Exception)
        {
            // Lost the race on the stream or the record's unique id: the winner's record is the answer.
            if (await CommittedMeanwhileAsync(http, scope) is { } record)
            {
                http.Response.Headers.ETag = default;
                return IdempotencyKey.Answer(http, record, scope);
            }

            throw;
        }

        // A refusal (e.g. "already exists", or a slot the twin just took) may be the trace of a concurrent request
        // with the same key that committed first: its record is the true answer.
        if (result is IStatusCodeHttpResult { StatusCode: >= 300 } && await CommittedMeanwhileAsync(http, scope) is { } twin)
        {
            http.Response.Headers.ETag = default;
            return IdempotencyKey.Answer(http, twin, scope);
        }

        return result;
    }

    /// <summary>Read with a fresh session: the request's own session may have failed mid-commit.</summary>
    private static async Task<IdempotencyRecord?> CommittedMeanwhileAsync(HttpContext http, IdempotencyScope scope)
    {
        await using var query = http.RequestServices.GetRequiredService<ISessionFactory>().QuerySession();
        return await query.LoadAsync<IdempotencyRecord>(scope.RecordId, CancellationToken.None);
    }
}
