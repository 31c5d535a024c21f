using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults.Domain;

namespace Platform.ServiceDefaults.Http;

/// <summary>The problem responses every service returns, in one shape.</summary>
public static class Problems
{
    public const string RuleIdKey = "ruleId";

    public static ProblemHttpResult RuleViolated(Rejection rejection) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "Rule violated: " + rejection.RuleId,
            detail: rejection.Detail,
            type: "https://kap.example/rules/" + rejection.RuleId,
            extensions: new Dictionary<string, object?> { [RuleIdKey] = rejection.RuleId });

    public static ValidationProblem Invalid(FieldErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), title: "The request is not valid");

    public static ValidationProblem Invalid(string field, string message) => Invalid(new FieldErrors().Add(field, message));

    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: what + " was not found.");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);
}
