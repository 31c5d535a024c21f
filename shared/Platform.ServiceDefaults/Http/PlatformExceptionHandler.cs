using System.Text.Json;
using JasperFx.Events;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// Turns the exceptions a request can legitimately cause into problem details: unreadable input is a 400 naming
/// the field, a stale expected version is a 412 (the client sent If-Match) or 409, never a 500.
/// </summary>
public sealed class PlatformExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => BadJson(json),
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "Bad request", Detail = bad.Message },
            JasperFx.ConcurrencyException => Conflict(httpContext),
            ExistingStreamIdCollisionException => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Already exists",
                Detail = "A record with this id already exists.",
            },
            _ => null,
        };

        if (problem is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ValidationProblemDetails BadJson(JsonException json)
    {
        var field = string.IsNullOrEmpty(json.Path) ? "body" : json.Path.TrimStart('$', '.');
        return new ValidationProblemDetails(new Dictionary<string, string[]>
        {
            [field.Length == 0 ? "body" : field] = ["is not a valid value (check the type and the allowed values)"],
        })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request body could not be read",
        };
    }

    private static ProblemDetails Conflict(HttpContext context)
    {
        var sentIfMatch = context.Request.Headers.IfMatch.Count > 0;
        return new ProblemDetails
        {
            Status = sentIfMatch ? StatusCodes.Status412PreconditionFailed : StatusCodes.Status409Conflict,
            Title = "The record changed since you read it",
            Detail = "Reload it, check the change and send the command again with the new ETag.",
        };
    }
}
