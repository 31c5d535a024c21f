using Integration.Api.Common;
using Integration.Api.Domain;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Identity;
using Platform.ServiceDefaults.Protocol;
using Platform.ServiceDefaults.Time;

namespace Integration.Api.Evaluation;

/// <summary>
/// The prescriber's evaluation after the induction series. Only the recommendation is chosen: the response class
/// (remitter, responder, non-responder) is computed from the outcome data. <paramref name="Rationale"/> is PHI.
/// </summary>
public sealed record EvaluateCourseRequest(CourseRecommendation? Recommendation, string? Rationale);

public static class EvaluationEndpoints
{
    public static IEndpointRouteBuilder MapEvaluation(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/courses/{courseId:guid}").WithTags("Course evaluation")
            .MapPost("/evaluation", Evaluate)
            .RequireAuthorization(p => p.RequireRole(Roles.Prescriber))
            .WithSummary("Evaluate and complete the course (discharge, maintenance or stop); publishes CourseCompleted")
            .ProducesCommandProblems();
        return app;
    }

    private static async Task<Results<Ok<RecordAccepted>, ValidationProblem, ProblemHttpResult>> Evaluate(
        Guid courseId, EvaluateCourseRequest body, IDocumentSession session, HttpContext http,
        ClinicClock clock, IntegrationProtocol protocol, ClinicalProtocol clinic, Clinician clinician, CancellationToken cancellationToken)
    {
        var now = clock.Now();
        var command = new EvaluateCourse(courseId, body.Recommendation ?? default, clinician.Id, body.Rationale);
        var errors = CourseOutcomeValidation.Validate(command).Require(body.Recommendation is not null, "recommendation", "is required");
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        return await StreamCommands.HandleAsync<CourseOutcome, RecordAccepted>(
            session, http, courseId,
            state => CourseOutcomeDecider.Decide(command, state, now, protocol, clinic),
            version => new RecordAccepted(courseId, courseId, version),
            cancellationToken);
    }
}
