using Microsoft.AspNetCore.Mvc;

namespace Platform.Fhir;

/// <summary>
/// The platform's problems as FHIR <see cref="OperationOutcome"/>s: field errors become one issue per message with the
/// field in <c>expression</c>; a rule's refusal carries its rule id in <c>details.coding</c> (<see cref="RuleSystem"/>).
/// The HTTP status stays the one the REST API answers, so both APIs refuse alike.
/// </summary>
public static class FhirOutcome
{
    /// <summary>The local code system of the platform's rule ids (shared/Platform.Contracts/RuleIds.cs).</summary>
    public const string RuleSystem = FhirCodeSystems.Base + "rule-id";

    public static OperationOutcome From(ProblemDetails problem, int status)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var ruleId = problem.Extensions.TryGetValue(Problems.RuleIdKey, out var value) ? value?.ToString() : null;
        var outcome = new OperationOutcome();
        if (problem is HttpValidationProblemDetails { Errors.Count: > 0 } invalid)
        {
            foreach (var (field, messages) in invalid.Errors)
            {
                foreach (var message in messages)
                {
                    outcome.Issue.Add(Issue(OperationOutcome.IssueType.Invalid, $"{field}: {message}", ruleId, field));
                }
            }

            return outcome;
        }

        outcome.Issue.Add(Issue(IssueTypeOf(status), problem.Detail ?? problem.Title ?? $"HTTP {status}", ruleId, null));
        return outcome;
    }

    /// <summary>One error issue: the message in <c>diagnostics</c> and <c>details.text</c>, the rule id coded.</summary>
    public static OperationOutcome.IssueComponent Issue(OperationOutcome.IssueType type, string message, string? ruleId, string? expression)
    {
        var details = new CodeableConcept { Text = message };
        if (!string.IsNullOrEmpty(ruleId))
        {
            details.Coding.Add(new Coding(RuleSystem, ruleId));
        }

        var issue = new OperationOutcome.IssueComponent {
            Severity = OperationOutcome.IssueSeverity.Error,
            Code = type,
            Details = details,
            Diagnostics = message,
        };
        if (expression is not null)
        {
            issue.ExpressionElement.Add(new FhirString(expression));
        }

        return issue;
    }

    /// <summary>The FHIR issue type of each status the platform answers.</summary>
    public static OperationOutcome.IssueType IssueTypeOf(int status) => status switch {
        StatusCodes.Status400BadRequest => OperationOutcome.IssueType.Invalid,
        StatusCodes.Status401Unauthorized => OperationOutcome.IssueType.Login,
        StatusCodes.Status403Forbidden => OperationOutcome.IssueType.Forbidden,
        StatusCodes.Status404NotFound => OperationOutcome.IssueType.NotFound,
        StatusCodes.Status409Conflict or StatusCodes.Status412PreconditionFailed => OperationOutcome.IssueType.Conflict,
        StatusCodes.Status413PayloadTooLarge => OperationOutcome.IssueType.TooLong,
        StatusCodes.Status415UnsupportedMediaType => OperationOutcome.IssueType.NotSupported,
        StatusCodes.Status422UnprocessableEntity => OperationOutcome.IssueType.BusinessRule,
        StatusCodes.Status429TooManyRequests => OperationOutcome.IssueType.Throttled,
        StatusCodes.Status503ServiceUnavailable => OperationOutcome.IssueType.Transient,
        _ => OperationOutcome.IssueType.Exception,
    };
}
