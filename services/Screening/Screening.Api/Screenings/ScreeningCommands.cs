using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults.Domain;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Marten;
using Screening.Api.Domain;
using Screening.Api.Domain.Eligibility;

namespace Screening.Api.Screenings;

/// <summary>The result of a command before it is shaped into a response: the new version, or the problem.</summary>
internal sealed record CommandOutcome(long Version, ProblemHttpResult? Problem);

/// <summary>
/// The write path of every screening endpoint: load the stream (at the If-Match version when sent), decide,
/// append, commit. Like the shared StreamCommands, but an unknown screening is a 404 and invalid input a 400,
/// not a 422, because neither is a clinical rule.
/// </summary>
internal static class ScreeningCommands
{
    public static async Task<Results<Ok<CommandAccepted>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        IDocumentSession session,
        HttpContext http,
        Guid screeningId,
        FieldErrors inputErrors,
        Func<ScreeningCase?, Decision> decide,
        CancellationToken cancellationToken)
    {
        if (inputErrors.Any)
        {
            return Problems.Invalid(inputErrors);
        }

        var outcome = await RunAsync(session, http, screeningId, decide, cancellationToken);
        return outcome.Problem is { } problem
            ? problem
            : TypedResults.Ok(new CommandAccepted(screeningId, outcome.Version));
    }

    public static async Task<CommandOutcome> RunAsync(
        IDocumentSession session,
        HttpContext http,
        Guid screeningId,
        Func<ScreeningCase?, Decision> decide,
        CancellationToken cancellationToken)
    {
        var (decision, version) = await session.DecideAsync(screeningId, ETags.ExpectedVersion(http.Request), decide, cancellationToken);
        if (decision.Rejection is { } rejection)
        {
            return new CommandOutcome(version, Rejected(rejection));
        }

        await session.SaveChangesAsync(cancellationToken);
        ETags.Set(http.Response, version);
        return new CommandOutcome(version, null);
    }

    public static ProblemHttpResult Rejected(Rejection rejection) => rejection.RuleId switch
    {
        RuleIds.CaseNotFound => WithStatus(rejection, StatusCodes.Status404NotFound, "Not found"),
        RuleIds.InvalidInput => WithStatus(rejection, StatusCodes.Status400BadRequest, "The request is not valid"),
        _ => Problems.RuleViolated(rejection),
    };

    private static ProblemHttpResult WithStatus(Rejection rejection, int status, string title) =>
        TypedResults.Problem(
            statusCode: status,
            title: title,
            detail: rejection.Detail,
            type: "https://kap.example/rules/" + rejection.RuleId,
            extensions: new Dictionary<string, object?> { [Problems.RuleIdKey] = rejection.RuleId });
}
