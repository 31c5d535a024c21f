using System.Text.Json;
using System.Text.RegularExpressions;
using JasperFx.Events;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// Turns the exceptions a request can legitimately cause into problem details: unreadable input is a 400 naming
/// the field, a stale expected version is a 412 (the client sent If-Match) or 409, never a 500.
/// </summary>
public sealed partial class PlatformExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch {
            BadHttpRequestException { InnerException: JsonException json } => BadJson(json),
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "Bad request", Detail = bad.Message },
            JasperFx.ConcurrencyException => Conflict(httpContext),
            ExistingStreamIdCollisionException or JasperFx.DocumentAlreadyExistsException => new ProblemDetails {
                Status = StatusCodes.Status409Conflict,
                Title = "Already exists",
                Detail = "A record with this id already exists.",
            },
            _ when IsUnavailable(exception) => new ProblemDetails {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Temporarily unavailable",
                Detail = "The service cannot reach its database. Nothing was recorded; retry the request (with the same Idempotency-Key).",
            },
            _ => null,
        };

        if (problem is null)
        {
            return false;
        }

        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private const string RetryAfterSeconds = "5";

    /// <summary>A dependency outage, not a bug: the client should retry later rather than report a 500.</summary>
    private static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is Npgsql.NpgsqlException { IsTransient: true } or System.Net.Sockets.SocketException or TimeoutException)
            {
                return true;
            }

            if (e is Npgsql.PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "53300" })
            {
                return true;
            }
        }

        return false;
    }

    private static ValidationProblemDetails BadJson(JsonException json)
    {
        var missing = MissingProperties().Match(json.Message);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (missing.Success)
        {
            var parent = FieldName(json.Path);
            foreach (var name in missing.Groups["names"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var field = name.Trim('\'');
                errors[parent == "body" ? field : $"{parent}.{field}"] = ["is required"];
            }
        }
        else if (json.Message?.StartsWith(SafeStringConverter.Rejection, StringComparison.Ordinal) == true)
        {
            errors[FieldName(json.Path)] = [json.Message[SafeStringConverter.Rejection.Length..]];
        }
        else
        {
            errors[FieldName(json.Path)] = ["is not a valid value (check the type and the allowed values)"];
        }

        return new ValidationProblemDetails(errors) {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request body could not be read",
        };
    }

    private static string FieldName(string? path)
    {
        var field = (path ?? string.Empty).TrimStart('$', '.');
        return field.Length == 0 ? "body" : field;
    }

    [GeneratedRegex("missing required properties including: (?<names>.+?)\\.?$")]
    private static partial Regex MissingProperties();

    private static ProblemDetails Conflict(HttpContext context)
    {
        var sentIfMatch = context.Request.Headers.IfMatch.Count > 0;
        return new ProblemDetails {
            Status = sentIfMatch ? StatusCodes.Status412PreconditionFailed : StatusCodes.Status409Conflict,
            Title = "The record changed since you read it",
            Detail = "Reload it, check the change and send the command again with the new ETag.",
        };
    }
}
