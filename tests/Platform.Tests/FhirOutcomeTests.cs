using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts;
using Platform.Fhir;

namespace Platform.Tests;

public sealed class FhirOutcomeTests
{
    [Fact]
    public void Field_errors_become_one_issue_per_message_naming_the_field()
    {
        var problem = Problems.Invalid(new FieldErrors().Add("Patient.birthDate", "must not be in the future").Add("ServiceRequest.code", "is required"));

        var outcome = FhirOutcome.From(problem.ProblemDetails, problem.StatusCode);

        Assert.Equal(2, outcome.Issue.Count);
        Assert.All(outcome.Issue, i => Assert.Equal(OperationOutcome.IssueType.Invalid, i.Code));
        Assert.All(outcome.Issue, i => Assert.Equal(OperationOutcome.IssueSeverity.Error, i.Severity));
        Assert.Equal(["Patient.birthDate"], outcome.Issue[0].Expression);
        Assert.Equal(["ServiceRequest.code"], outcome.Issue[1].Expression);
        Assert.Contains("must not be in the future", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_refusal_carries_its_rule_id_and_keeps_the_status_of_the_rest_api()
    {
        var problem = Problems.Rejected(new Rejection("SCR-UNKNOWN-PATIENT", "No screening names patient x."), StatusCodes.Status404NotFound);

        var result = FhirResults.FromProblem(problem);

        Assert.Equal(StatusCodes.Status404NotFound, result.StatusCode);
        var issue = Assert.Single(Assert.IsType<OperationOutcome>(result.Resource).Issue);
        Assert.Equal(OperationOutcome.IssueType.NotFound, issue.Code);
        var coding = Assert.Single(issue.Details!.Coding);
        Assert.Equal((FhirOutcome.RuleSystem, "SCR-UNKNOWN-PATIENT"), (coding.System, coding.Code));
        Assert.Equal("No screening names patient x.", issue.Diagnostics);
    }

    [Theory]
    [InlineData(StatusCodes.Status401Unauthorized, OperationOutcome.IssueType.Login)]
    [InlineData(StatusCodes.Status403Forbidden, OperationOutcome.IssueType.Forbidden)]
    [InlineData(StatusCodes.Status409Conflict, OperationOutcome.IssueType.Conflict)]
    [InlineData(StatusCodes.Status422UnprocessableEntity, OperationOutcome.IssueType.BusinessRule)]
    [InlineData(StatusCodes.Status503ServiceUnavailable, OperationOutcome.IssueType.Transient)]
    [InlineData(StatusCodes.Status500InternalServerError, OperationOutcome.IssueType.Exception)]
    public void Each_status_has_its_issue_type(int status, OperationOutcome.IssueType type) =>
        Assert.Equal(type, FhirOutcome.IssueTypeOf(status));

    [Fact]
    public void Only_problem_answers_convert() =>
        Assert.Throws<ArgumentException>(() => FhirResults.FromProblem(TypedResults.Ok()));
}
