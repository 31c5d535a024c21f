using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;
using Screening.Api.Domain;
using Screening.Api.Domain.Commands;
using Screening.Api.Domain.Decisions;
using Screening.Api.Domain.Facts;
using Screening.Api.Domain.Validation;
using Platform.ServiceDefaults.Identity;
using Platform.ServiceDefaults.Time;

namespace Screening.Api.Intake;

/// <summary>
/// Intake facts. Each request records the complete current version of one fact as a new event; earlier versions
/// stay in the stream, and eligibility is re-evaluated in the same commit.
/// </summary>
public static class IntakeEndpoints
{
    private static readonly string[] IntakeRoles = [Roles.Intake, Roles.Prescriber];

    public static RouteGroupBuilder MapIntake(this RouteGroupBuilder screenings)
    {
        Fact(screenings.MapPut("/{screeningId:guid}/medical-history", RecordMedicalHistory), "Record the medical history (replaces the previous one)");
        Fact(screenings.MapPut("/{screeningId:guid}/psychiatric-history", RecordPsychiatricHistory), "Record the psychiatric history (replaces the previous one)");
        Fact(screenings.MapPut("/{screeningId:guid}/medications", RecordMedications), "Record the complete current medication list");
        Fact(screenings.MapPut("/{screeningId:guid}/prior-treatments", RecordPriorTreatments), "Record antidepressant trials and psychotherapy");
        Fact(screenings.MapPost("/{screeningId:guid}/vitals", RecordVitals), "Record a resting vitals reading (the latest is used)");
        Fact(screenings.MapPost("/{screeningId:guid}/instruments", AdministerInstrument), "Record an instrument's item answers; the service scores them");
        return screenings;
    }

    private static void Fact(RouteHandlerBuilder endpoint, string summary) =>
        endpoint
            .RequireAuthorization(p => p.RequireRole(IntakeRoles))
            .WithSummary(summary)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    private static Task<Results<Ok<CommandAccepted>, ValidationProblem, ProblemHttpResult>> RecordMedicalHistory(
        Guid screeningId, MedicalHistory body, Clinician clinician, HttpContext http, IDocumentSession session, ClinicClock clock, ScreeningProtocol protocol, CancellationToken ct)
    {
        var now = clock.Now();
        var command = new RecordMedicalHistory(body, clinician.Id);
        return StreamCommands.HandleAsync<ScreeningCase>(session, http, screeningId, state => ScreeningDecider.Decide(command, state, now, protocol), ct, MedicalHistoryValidator.Validate(command, now));
    }

    private static Task<Results<Ok<CommandAccepted>, ValidationProblem, ProblemHttpResult>> RecordPsychiatricHistory(
        Guid screeningId, PsychiatricHistory body, Clinician clinician, HttpContext http, IDocumentSession session, ClinicClock clock, ScreeningProtocol protocol, CancellationToken ct)
    {
        var now = clock.Now();
        var command = new RecordPsychiatricHistory(body, clinician.Id);
        return StreamCommands.HandleAsync<ScreeningCase>(session, http, screeningId, state => ScreeningDecider.Decide(command, state, now, protocol), ct, PsychiatricHistoryValidator.Validate(command, now));
    }

    private static Task<Results<Ok<CommandAccepted>, ValidationProblem, ProblemHttpResult>> RecordMedications(
        Guid screeningId, MedicationsRequest body, Clinician clinician, HttpContext http, IDocumentSession session, ClinicClock clock, ScreeningProtocol protocol, CancellationToken ct)
    {
        var now = clock.Now();
        var command = new RecordMedications(body.Medications, clinician.Id);
        return StreamCommands.HandleAsync<ScreeningCase>(session, http, screeningId, state => ScreeningDecider.Decide(command, state, now, protocol), ct, MedicationsValidator.Validate(command));
    }

    private static Task<Results<Ok<CommandAccepted>, ValidationProblem, ProblemHttpResult>> RecordPriorTreatments(
        Guid screeningId, PriorTreatments body, Clinician clinician, HttpContext http, IDocumentSession session, ClinicClock clock, ScreeningProtocol protocol, CancellationToken ct)
    {
        var now = clock.Now();
        var command = new RecordPriorTreatments(body, clinician.Id);
        return StreamCommands.HandleAsync<ScreeningCase>(session, http, screeningId, state => ScreeningDecider.Decide(command, state, now, protocol), ct, PriorTreatmentsValidator.Validate(command));
    }

    private static Task<Results<Ok<CommandAccepted>, ValidationProblem, ProblemHttpResult>> RecordVitals(
        Guid screeningId, Vitals body, Clinician clinician, HttpContext http, IDocumentSession session, ClinicClock clock, ScreeningProtocol protocol, CancellationToken ct)
    {
        var now = clock.Now();
        var command = new RecordVitals(body, clinician.Id);
        return StreamCommands.HandleAsync<ScreeningCase>(session, http, screeningId, state => ScreeningDecider.Decide(command, state, now, protocol), ct, VitalsValidator.Validate(command, now));
    }

    private static Task<Results<Ok<CommandAccepted>, ValidationProblem, ProblemHttpResult>> AdministerInstrument(
        Guid screeningId, InstrumentRequest body, Clinician clinician, HttpContext http, IDocumentSession session, ClinicClock clock, ScreeningProtocol protocol, CancellationToken ct)
    {
        var now = clock.Now();
        var command = new AdministerInstrument(
            body.Instrument, body.Items, body.AdministeredAt, clinician.Id, body.BehaviourWithinPastThreeMonths, body.SuicidalBehaviourLastOn);
        return StreamCommands.HandleAsync<ScreeningCase>(session, http, screeningId, state => ScreeningDecider.Decide(command, state, now, protocol), ct, AdministerInstrumentValidator.Validate(command, now, protocol));
    }
}
