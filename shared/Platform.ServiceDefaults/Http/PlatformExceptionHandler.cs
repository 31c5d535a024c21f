using System.Text.RegularExpressions;
using JasperFx.Events;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Platform.Contracts;

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
            BadHttpRequestException { InnerException: JsonException json } =>
                BadJson(json, FailedEndpoint(httpContext)?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.RequestType),
            BadHttpRequestException bad when BadBinding(bad, httpContext) is { } binding => binding,
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "Bad request", Detail = bad.Message },
            JasperFx.ConcurrencyException => Conflict(httpContext),
            ExistingStreamIdCollisionException or JasperFx.DocumentAlreadyExistsException => new ProblemDetails {
                Status = StatusCodes.Status409Conflict,
                Title = "Already exists",
                Detail = "A record with this id already exists.",
            },
            _ when TransientFailures.IsTransient(exception) => new ProblemDetails {
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

    /// <summary>The endpoint that threw: the exception handler middleware clears the request's own before handlers run.</summary>
    private static Endpoint? FailedEndpoint(HttpContext context) =>
        context.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint();

    /// <summary>
    /// A body the serializer refused: the field (its JSON path) and what it must be, in plain words, with a rule id.
    /// Serializer messages are never echoed: they name .NET types.
    /// </summary>
    /// <param name="bodyType">The endpoint's body type: the path is walked through it to describe the field's type.</param>
    public static ValidationProblemDetails BadJson(JsonException json, Type? bodyType = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        var message = json.Message ?? string.Empty;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string ruleId;
        if (MissingProperties().Match(message) is { Success: true } missing)
        {
            var parent = FieldName(json.Path);
            foreach (var name in missing.Groups["names"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var field = name.Trim('\'');
                errors[parent == "body" ? field : $"{parent}.{field}"] = ["is required"];
            }

            ruleId = InputRules.Required;
        }
        else if (UnmappedProperty().Match(message) is { Success: true } unmapped)
        {
            var parent = FieldName(json.Path);
            var name = unmapped.Groups["name"].Value;
            // The path may already end at the unknown property; name it once.
            var field = parent == "body" ? name : parent.EndsWith(name, StringComparison.Ordinal) ? parent : $"{parent}.{name}";
            errors[field] = ["is not a field of this request (check the spelling against the API documentation)"];
            ruleId = InputRules.UnknownField;
        }
        else if (message.StartsWith("Duplicate property '", StringComparison.Ordinal))
        {
            errors[FieldName(json.Path)] = ["is sent more than once; send each field once"];
            ruleId = InputRules.InvalidValue;
        }
        else if (message.StartsWith(StrictJson.OutOfRange, StringComparison.Ordinal))
        {
            errors[FieldName(json.Path)] = [message[StrictJson.OutOfRange.Length..]];
            ruleId = InputRules.OutOfRange;
        }
        else if (message.StartsWith(SafeStringConverter.Rejection, StringComparison.Ordinal))
        {
            var rejection = message[SafeStringConverter.Rejection.Length..];
            var separator = rejection.IndexOf(ListRules.FieldSeparator, StringComparison.Ordinal);
            var parent = FieldName(json.Path);
            if (separator > 0)
            {
                // The rejection names a field below the object the reader stopped at.
                var field = rejection[..separator];
                errors[parent == "body" ? field : $"{parent}.{field}"] = [rejection[(separator + ListRules.FieldSeparator.Length)..]];
            }
            else
            {
                errors[parent] = [rejection];
            }

            ruleId = InputRules.InvalidValue;
        }
        else if (NotConvertible().Match(message) is { Success: true } conversion)
        {
            // The message names the record being built for constructor parameters, so the path is the better guide.
            var type = TypeAt(bodyType, json.Path) ?? StrictJson.FindType(conversion.Groups["type"].Value);
            errors[FieldName(json.Path)] = [StrictJson.Expected(type)];
            ruleId = InputRules.InvalidValue;
        }
        else
        {
            errors[FieldName(json.Path)] = [json.InnerException is null
                ? "is not a valid value (check the type and the allowed values)"
                : "is not valid JSON here (check quotes, commas and brackets)"];
            ruleId = InputRules.InvalidValue;
        }

        return new ValidationProblemDetails(errors) {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request body could not be read",
            Extensions = { [Problems.RuleIdKey] = ruleId },
        };
    }

    /// <summary>
    /// A route or query value the framework could not bind ("Failed to bind parameter \"Nullable&lt;DateTimeOffset&gt;
    /// asOf\" from \"notadate\"."): named by its parameter, described by the parameter's type in plain words.
    /// </summary>
    public static ValidationProblemDetails? BadBinding(BadHttpRequestException bad, HttpContext context)
    {
        string ruleId;
        string words;
        Match match;
        if ((match = FailedToBind().Match(bad.Message)).Success)
        {
            var type = ParameterType(context, match.Groups["name"].Value);
            if (type is not null && IsDate(type) && DateString().IsMatch(match.Groups["value"].Value))
            {
                (ruleId, words) = (InputRules.OutOfRange, StrictJson.RangeMessage);
            }
            else
            {
                (ruleId, words) = (InputRules.InvalidValue, StrictJson.Expected(type));
            }
        }
        else if ((match = RequiredParameter().Match(bad.Message)).Success)
        {
            (ruleId, words) = (InputRules.Required, "is required");
        }
        else if ((match = ImplicitBodyMissing().Match(bad.Message)).Success)
        {
            return new ValidationProblemDetails(new Dictionary<string, string[]> { ["body"] = ["is required (send a JSON body)"] }) {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request could not be read",
                Extensions = { [Problems.RuleIdKey] = InputRules.Required },
            };
        }
        else
        {
            return null;
        }

        return new ValidationProblemDetails(new Dictionary<string, string[]> { [match.Groups["name"].Value] = [words] }) {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request could not be read",
            Extensions = { [Problems.RuleIdKey] = ruleId },
        };
    }

    /// <summary>The type of the property a JSON path ("$.patient.items[2]") reaches from <paramref name="root"/>.</summary>
    private static Type? TypeAt(Type? root, string? path)
    {
        var type = root;
        foreach (var segment in (path ?? string.Empty).TrimStart('$').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Split('[')[0];
            type = type?.GetProperty(name, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase)?.PropertyType;
            for (var i = 1; i < segment.Split('[').Length && type is not null; i++)
            {
                type = type.IsArray ? type.GetElementType() : type.GetGenericArguments().FirstOrDefault();
            }
        }

        return path is null or "$" ? null : type;
    }

    private static bool IsDate(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) is var t && (t == typeof(DateTimeOffset) || t == typeof(DateTime) || t == typeof(DateOnly));

    /// <summary>The handler's parameter (or a property of an [AsParameters] argument) with this name.</summary>
    private static Type? ParameterType(HttpContext context, string name)
    {
        var method = FailedEndpoint(context)?.Metadata.GetMetadata<System.Reflection.MethodInfo>();
        foreach (var parameter in method?.GetParameters() ?? [])
        {
            if (string.Equals(parameter.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return parameter.ParameterType;
            }

            if (parameter.ParameterType.GetProperty(name, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase) is { } property)
            {
                return property.PropertyType;
            }
        }

        return null;
    }

    private static string FieldName(string? path)
    {
        var field = (path ?? string.Empty).TrimStart('$', '.');
        return field.Length == 0 ? "body" : field;
    }

    [GeneratedRegex("missing required properties including: (?<names>.+?)\\.?$")]
    private static partial Regex MissingProperties();

    [GeneratedRegex("^The JSON property '(?<name>.+)' could not be mapped to any \\.NET member")]
    private static partial Regex UnmappedProperty();

    [GeneratedRegex("^The JSON value could not be converted to (?<type>[^ ]+?)\\. Path:")]
    private static partial Regex NotConvertible();

    [GeneratedRegex("^Failed to bind parameter \"(?<type>.+) (?<name>[^ \"]+)\" from \"(?<value>.*)\"\\.$", RegexOptions.Singleline)]
    private static partial Regex FailedToBind();

    [GeneratedRegex("^Required parameter \"(?<type>.+) (?<name>[^ \"]+)\" was not provided")]
    private static partial Regex RequiredParameter();

    [GeneratedRegex("^Implicit body inferred for parameter")]
    private static partial Regex ImplicitBodyMissing();

    /// <summary>A well-formed date the binder still refused: it is out of the type's range (e.g. year 0 or 10000).</summary>
    [GeneratedRegex("^[0-9]{4,}-[0-9]{2}-[0-9]{2}")]
    private static partial Regex DateString();

    private static ProblemDetails Conflict(HttpContext context)
    {
        var sentIfMatch = context.Request.Headers.IfMatch.Count > 0;
        return new ProblemDetails {
            Status = sentIfMatch ? StatusCodes.Status412PreconditionFailed : StatusCodes.Status409Conflict,
            Title = Problems.StaleTitle,
            Detail = Problems.StaleDetail,
        };
    }
}
