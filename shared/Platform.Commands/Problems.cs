using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts;

namespace Platform.Commands;

/// <summary>The problem responses every service returns, in one shape.</summary>
public static class Problems
{
    public const string RuleIdKey = "ruleId";

    public static ProblemHttpResult RuleViolated(Rejection rejection) =>
        Rejected(rejection, StatusCodes.Status422UnprocessableEntity);

    public static ProblemHttpResult Rejected(Rejection rejection, RuleStatuses statuses)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        ArgumentNullException.ThrowIfNull(statuses);
        return Rejected(rejection, statuses.StatusOf(rejection.RuleId));
    }

    /// <summary>A refusal with its rule id, so clients and auditors can tell which rule said no.</summary>
    public static ProblemHttpResult Rejected(Rejection rejection, int statusCode, IDictionary<string, object?>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        var all = new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>()) { [RuleIdKey] = rejection.RuleId };
        return TypedResults.Problem(
            statusCode: statusCode,
            title: statusCode switch {
                StatusCodes.Status400BadRequest => "The request is not valid",
                StatusCodes.Status404NotFound => "Not found",
                _ => "Rule violated: " + rejection.RuleId,
            },
            detail: rejection.Detail,
            type: "https://kap.example/rules/" + rejection.RuleId,
            extensions: all);
    }

    public static ValidationProblem Invalid(FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return TypedResults.ValidationProblem(
            errors.ToDictionary(), title: "The request is not valid", extensions: new Dictionary<string, object?> { [RuleIdKey] = InputRules.Invalid });
    }

    public static ValidationProblem Invalid(string field, string message) => Invalid(new FieldErrors().Add(field, message));

    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: what + " was not found.");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);

    public const string StaleTitle = "The record changed since you read it";
    public const string StaleDetail = "Reload it, check the change and send the command again with the new ETag.";

    /// <summary>
    /// 412: the If-Match the client sent names a version that is no longer the current one. The same answer as a
    /// stale stream command (the exception handler's), so clients handle one shape.
    /// </summary>
    public static ProblemHttpResult Stale(string detail = StaleDetail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: StaleTitle, detail: detail);
}
