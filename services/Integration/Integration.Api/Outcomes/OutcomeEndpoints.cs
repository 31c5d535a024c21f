using Integration.Api.Common;
using Integration.Api.Domain;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Identity;
using Platform.ServiceDefaults.Protocol;
using Platform.ServiceDefaults.Time;

namespace Integration.Api.Outcomes;

/// <summary>
/// An instrument answered item by item, in questionnaire order. The service computes the total, band and C-SSRS risk;
/// a client-computed total is never accepted. <paramref name="BehaviourWithinPastThreeMonths"/> is the C-SSRS
/// follow-up to question 6. <paramref name="MeasuredAt"/> defaults to now.
/// </summary>
public sealed record RecordOutcomeRequest(
    string? Instrument,
    IReadOnlyList<int>? Items,
    bool? BehaviourWithinPastThreeMonths,
    DateTimeOffset? MeasuredAt);

public static class OutcomeEndpoints
{
    public static IEndpointRouteBuilder MapOutcomes(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/courses/{courseId:guid}").WithTags("Outcomes")
            .MapPost("/outcomes", RecordOutcome)
            .RequireAuthorization(p => p.RequireRole(Roles.Therapist, Roles.Medical, Roles.Prescriber))
            .WithSummary("Record PHQ-9, GAD-7, PCL-5, C-SSRS, MADRS, QIDS-SR16 or CADSS-6 item by item; scored by the service")
            .WithDescription("A high C-SSRS risk places a safety hold; a PHQ-9 5 or more points above baseline raises a review flag.")
            .ProducesCommandProblems();
        return app;
    }

    private static async Task<Results<Ok<RecordAccepted>, ValidationProblem, ProblemHttpResult>> RecordOutcome(
        Guid courseId, RecordOutcomeRequest body, IDocumentSession session, HttpContext http,
        ClinicClock clock, IntegrationProtocol protocol, ClinicalProtocol clinic, Clinician clinician, CancellationToken cancellationToken)
    {
        var now = clock.Now();
        var (scored, errors) = InstrumentScoring.Score(body.Instrument, body.Items, body.BehaviourWithinPastThreeMonths);
        if (scored is null)
        {
            return Problems.Invalid(errors);
        }

        var command = new RecordOutcome(
            courseId, RecordIds.For(http.Request, courseId, "measurement"), scored, body.MeasuredAt ?? now.Utc, clinician.Id);
        errors = CourseOutcomeValidation.Validate(command, now.Utc);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        return await StreamCommands.HandleAsync<CourseOutcome, RecordAccepted>(
            session, http, courseId,
            state => CourseOutcomeDecider.Decide(command, state, now, protocol, clinic),
            version => new RecordAccepted(courseId, command.MeasurementId, version),
            cancellationToken);
    }
}
