using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Domain;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Identity;
using Platform.ServiceDefaults.Time;
using Scheduling.Api.Courses;
using Scheduling.Api.Courses.Booking;
using Scheduling.Api.Domain;

namespace Scheduling.Api.Dosing;

using CommandResult = Results<Ok<CourseCommandAccepted>, ValidationProblem, ProblemHttpResult>;

/// <summary>
/// What the medical professional records during a dosing session: check-in gates, dose start, monitoring,
/// discharge, and the esketamine REMS follow-up.
/// </summary>
public static class DosingEndpoints
{
    private static readonly string[] Clinical = [Roles.Medical];

    public static IEndpointRouteBuilder MapDosing(this IEndpointRouteBuilder app)
    {
        var dosing = app.MapGroup("/courses/{courseId:guid}/sessions/{sessionId:guid}").WithTags("Dosing");

        dosing.MapPost("/check-in", CheckIn).RequireAuthorization(p => p.RequireRole(Clinical))
            .WithSummary("Pre-dose BP and HR, fasting and ride home; a failed gate holds the dose with the reason recorded")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        dosing.MapPost("/dose", StartDose).RequireAuthorization(p => p.RequireRole(Clinical))
            .WithSummary("Starts the dose; refused unless a fresh check-in passed all three gates")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        dosing.MapPost("/vitals", Vitals).RequireAuthorization(p => p.RequireRole(Clinical))
            .WithSummary("The monitoring reading around 40 minutes after the dose")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        dosing.MapPost("/cadss", Cadss).RequireAuthorization(p => p.RequireRole(Clinical))
            .WithSummary("CADSS-6 dissociation answers (0-4 each); the total is computed by the service")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        dosing.MapPost("/discharge", Discharge).RequireAuthorization(p => p.RequireRole(Clinical))
            .WithSummary("Discharges the patient: not before the monitoring period and only with sedation and dissociation resolved")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        dosing.MapPost("/rems", Rems).RequireAuthorization(p => p.RequireRole(Roles.Medical, Roles.Prescriber))
            .WithSummary("Records the esketamine REMS patient monitoring form as submitted")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static async Task<CommandResult> CheckIn(
        Guid courseId, Guid sessionId, CheckInRequest body, HttpContext http, Clinician clinician, IDocumentSession session, ClinicClock clock,
        SchedulingProtocol protocol, CancellationToken ct)
    {
        var now = clock.Now().Utc;
        var errors = InputValidation.Vitals(body.PreDose, now, prefix: "preDose");
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        return await CourseStream.HandleAsync(session, http, courseId, s => CourseDecider.Decide(
            new RecordCheckIn(sessionId, body.PreDose, body.FastingConfirmed, body.RideHomeConfirmed, clinician.Id),
            s, now, protocol), ct, sessionId);
    }

    private static async Task<CommandResult> StartDose(
        Guid courseId, Guid sessionId, StartDoseRequest body, HttpContext http, Clinician clinician, IDocumentSession session, ClinicClock clock,
        SchedulingProtocol protocol, CancellationToken ct)
    {
        var course = await session.LoadAsync<TreatmentCourse>(courseId, ct);
        if (course is null)
        {
            return Problems.NotFound($"Course {courseId}");
        }

        var errors = InputValidation.Dose(body.DoseMg, course.Route, protocol);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var now = clock.Now().Utc;
        return await CourseStream.HandleAsync(session, http, courseId, s => CourseDecider.Decide(
            new StartDose(sessionId, body.DoseMg, clinician.Id), s, now, protocol), ct, sessionId);
    }

    private static async Task<CommandResult> Vitals(
        Guid courseId, Guid sessionId, VitalsRequest body, HttpContext http, Clinician clinician, IDocumentSession session, ClinicClock clock,
        SchedulingProtocol protocol, CancellationToken ct)
    {
        var now = clock.Now().Utc;
        var errors = InputValidation.Vitals(body.Vitals, now);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        return await CourseStream.HandleAsync(session, http, courseId, s => CourseDecider.Decide(
            new RecordMonitoringVitals(sessionId, body.Vitals, clinician.Id), s, now, protocol), ct, sessionId);
    }

    private static async Task<CommandResult> Cadss(
        Guid courseId, Guid sessionId, CadssRequest body, HttpContext http, Clinician clinician, IDocumentSession session, ClinicClock clock,
        SchedulingProtocol protocol, CancellationToken ct)
    {
        var errors = InputValidation.Cadss(body.Items);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var now = clock.Now().Utc;
        return await CourseStream.HandleAsync(session, http, courseId, s => CourseDecider.Decide(
            new RecordCadss(sessionId, body.Items, clinician.Id), s, now, protocol), ct, sessionId);
    }

    private static async Task<CommandResult> Discharge(
        Guid courseId, Guid sessionId, DischargeRequest body, HttpContext http, Clinician clinician, IDocumentSession session, ClinicClock clock,
        SchedulingProtocol protocol, CancellationToken ct)
    {
        var now = clock.Now().Utc;
        var errors = InputValidation.Vitals(body.AtDischarge, now, prefix: "atDischarge");
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        return await CourseStream.HandleAsync(session, http, courseId, s => CourseDecider.Decide(
            new DischargePatient(sessionId, body.AtDischarge, body.SedationResolved, body.DissociationResolved, clinician.Id),
            s, now, protocol), ct, sessionId);
    }

    private static async Task<CommandResult> Rems(
        Guid courseId, Guid sessionId, HttpContext http, Clinician clinician, IDocumentSession session, ClinicClock clock,
        SchedulingProtocol protocol, CancellationToken ct)
    {
        var now = clock.Now().Utc;
        return await CourseStream.HandleAsync(session, http, courseId, s => CourseDecider.Decide(
            new RecordRemsMonitoring(sessionId, clinician.Id), s, now, protocol), ct, sessionId);
    }
}
