using JasperFx;
using Marten;
using Marten.Exceptions;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Identity;
using Platform.ServiceDefaults.Time;
using Screening.Api.Domain;
using Screening.Api.Domain.Commands;
using Screening.Api.Domain.Decisions;
using Screening.Api.Domain.Eligibility;
using Screening.Api.Domain.Validation;

namespace Screening.Api.Screenings;

public static class ReferralEndpoints
{
    public static RouteGroupBuilder MapReferrals(this RouteGroupBuilder screenings)
    {
        screenings.MapPost("/", Refer)
            .RequireAuthorization(p => p.RequireRole(Roles.System, Roles.Intake))
            .WithSummary("Refer a patient for screening (requires an Idempotency-Key header: a retry returns the same screening)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return screenings;
    }

    private static async Task<Results<Created<ReferralAccepted>, Ok<ReferralAccepted>, ValidationProblem, ProblemHttpResult>> Refer(
        ReferralRequest request,
        Clinician clinician,
        HttpContext http,
        IDocumentSession session,
        ClinicClock clock,
        ScreeningProtocol protocol,
        CancellationToken cancellationToken)
    {
        // The key is required: without it a retried referral would open a second screening for the same patient.
        if (IdempotencyKey.Read(http.Request) is not { } key)
        {
            return Problems.Invalid(IdempotencyKey.Header, "is required: send a unique key per referral and reuse it on retries");
        }

        var screeningId = IdempotencyKey.ToStreamId("screening-referral\n" + clinician.Subject, key);
        var command = new ReferScreening(
            screeningId,
            request.PatientId ?? Guid.CreateVersion7(),
            request.ExternalReference,
            request.ReferringClinician,
            request.Indication,
            request.RequestedRoute,
            request.Patient?.ToIdentity()!,
            clinician.Id);
        var now = clock.Now();
        var errors = ReferScreeningValidator.Validate(command, now);

        // A retry of a committed referral answers with the screening it opened instead of a rejection.
        if (!errors.Any && await session.Events.FetchStreamStateAsync(screeningId, cancellationToken) is not null)
        {
            return await ExistingAsync(session, http, command, request, cancellationToken);
        }

        try
        {
            var result = await StreamCommands.HandleAsync<ScreeningCase, ReferralAccepted>(
                session,
                http,
                screeningId,
                state => ScreeningDecider.Decide(command, state, now, protocol),
                version => new ReferralAccepted(screeningId, command.PatientId, version),
                cancellationToken,
                errors);
            return result.Result switch
            {
                Ok<ReferralAccepted> { Value: { } accepted } => TypedResults.Created($"/screenings/{screeningId}", accepted),
                ValidationProblem invalid => invalid,
                ProblemHttpResult problem => problem,
                _ => throw new InvalidOperationException("Unexpected write-path result."),
            };
        }
        catch (Exception ex) when (ex is ConcurrencyException or ExistingStreamIdCollisionException)
        {
            // A concurrent retry of the same referral committed first: answer as a retry.
            return await ExistingAsync(session, http, command, request, cancellationToken);
        }
    }

    /// <summary>A retry gets the screening it created; the same key with a different referral is a client bug.</summary>
    private static async Task<Results<Created<ReferralAccepted>, Ok<ReferralAccepted>, ValidationProblem, ProblemHttpResult>> ExistingAsync(
        IQuerySession session, HttpContext http, ReferScreening command, ReferralRequest request, CancellationToken cancellationToken)
    {
        var existing = await session.LoadAsync<ScreeningCase>(command.ScreeningId, cancellationToken);
        if (existing is null)
        {
            return Problems.Conflict("The referral is being created by a concurrent request; retry shortly.");
        }

        var referral = existing.Referral;
        var same = referral.ExternalReference == command.ExternalReference.Trim()
            && referral.ReferringClinician == command.ReferringClinician.Trim()
            && referral.Indication == command.Indication
            && referral.RequestedRoute == command.RequestedRoute
            && referral.Patient == command.Patient
            && (request.PatientId is null || request.PatientId == existing.PatientId);
        if (!same)
        {
            return Problems.Conflict($"The {IdempotencyKey.Header} was already used for a different referral.");
        }

        var state = await session.Events.FetchStreamStateAsync(existing.Id, cancellationToken);
        var version = state?.Version ?? 0;
        ETags.Set(http.Response, version);
        http.Response.Headers.Location = $"/screenings/{existing.Id}";
        return TypedResults.Ok(new ReferralAccepted(existing.Id, existing.PatientId, version));
    }
}
