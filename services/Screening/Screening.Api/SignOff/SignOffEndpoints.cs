using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;
using Screening.Api.Domain;
using Screening.Api.Domain.Commands;
using Screening.Api.Domain.Decisions;
using Screening.Api.Domain.Validation;
using Screening.Api.Screenings;

namespace Screening.Api.SignOff;

/// <summary>The prescriber's decision. Only prescribers sign; the rules are re-run at signing time.</summary>
public static class SignOffEndpoints
{
    public static RouteGroupBuilder MapSignOff(this RouteGroupBuilder screenings)
    {
        screenings.MapPost("/{screeningId:guid}/approval", Approve)
            .RequireAuthorization(p => p.RequireRole(Roles.Prescriber))
            .WithSummary("Approve for treatment: never over an ineligible reason; needs-review only with a justification")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        screenings.MapPost("/{screeningId:guid}/decline", Decline)
            .RequireAuthorization(p => p.RequireRole(Roles.Prescriber))
            .WithSummary("Decline with a reason (no patient identifiers in it: it is shared with other services)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        return screenings;
    }

    private static async Task<Results<Ok<ApprovalAccepted>, ValidationProblem, ProblemHttpResult>> Approve(
        Guid screeningId,
        ApprovalRequest? body,
        HttpContext http,
        IDocumentSession session,
        TimeProvider clock,
        ClinicProtocol protocol,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var command = new ApproveScreening(Guid.CreateVersion7(), Caller.Id(http), body?.Justification);
        if (SignOffValidators.Validate(command) is { Any: true } errors)
        {
            return Problems.Invalid(errors);
        }

        var outcome = await ScreeningCommands.RunAsync(
            session, http, screeningId, state => ScreeningDecider.Decide(command, state, now, protocol), ct);
        return outcome.Problem is { } problem
            ? problem
            : TypedResults.Ok(new ApprovalAccepted(screeningId, command.CourseId, now.AddDays(protocol.ApprovalValidityDays), outcome.Version));
    }

    private static Task<Results<Ok<CommandAccepted>, ValidationProblem, ProblemHttpResult>> Decline(
        Guid screeningId,
        DeclineRequest body,
        HttpContext http,
        IDocumentSession session,
        TimeProvider clock,
        ClinicProtocol protocol,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var command = new DeclineScreening(Caller.Id(http), body.Reason);
        return ScreeningCommands.HandleAsync(session, http, screeningId, SignOffValidators.Validate(command),
            state => ScreeningDecider.Decide(command, state, now, protocol), ct);
    }
}
