using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;
using Screening.Api.Domain;
using Screening.Api.Domain.Commands;
using Screening.Api.Domain.Decisions;
using Screening.Api.Domain.Validation;
using Platform.ServiceDefaults.Identity;
using Platform.ServiceDefaults.Time;

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

    private static Task<Results<Ok<ApprovalAccepted>, ValidationProblem, ProblemHttpResult>> Approve(
        Guid screeningId,
        ApprovalRequest? body,
        Clinician clinician,
        HttpContext http,
        IDocumentSession session,
        ClinicClock clock,
        ScreeningProtocol protocol,
        CancellationToken ct)
    {
        var now = clock.Now();
        var command = new ApproveScreening(Guid.CreateVersion7(), clinician.Id, body?.Justification);
        return StreamCommands.HandleAsync<ScreeningCase, ApprovalAccepted>(
            session,
            http,
            screeningId,
            state => ScreeningDecider.Decide(command, state, now, protocol),
            version => new ApprovalAccepted(screeningId, command.CourseId, now.Utc.AddDays(protocol.ApprovalValidityDays), version),
            ct,
            SignOffValidators.Validate(command));
    }

    private static Task<Results<Ok<CommandAccepted>, ValidationProblem, ProblemHttpResult>> Decline(
        Guid screeningId,
        DeclineRequest body,
        Clinician clinician,
        HttpContext http,
        IDocumentSession session,
        ClinicClock clock,
        ScreeningProtocol protocol,
        CancellationToken ct)
    {
        var now = clock.Now();
        var command = new DeclineScreening(clinician.Id, body.Reason);
        return StreamCommands.HandleAsync<ScreeningCase>(session, http, screeningId, state => ScreeningDecider.Decide(command, state, now, protocol), ct, SignOffValidators.Validate(command));
    }
}
