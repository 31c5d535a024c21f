using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Domain;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Time;
using Scheduling.Api.Courses;
using Scheduling.Api.Courses.Booking;
using Scheduling.Api.Domain;
using Scheduling.Api.Resources;

namespace Scheduling.Api.Sessions;

using CommandResult = Results<Ok<CourseCommandAccepted>, ValidationProblem, ProblemHttpResult>;

/// <summary>Booking, moving, cancelling and attendance of preparation, dosing and integration sessions.</summary>
public static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessions(this IEndpointRouteBuilder app)
    {
        var sessions = app.MapGroup("/courses/{courseId:guid}/sessions").WithTags("Sessions");

        sessions.MapPost("/", Book)
            .RequireAuthorization(p => p.RequireRole(Roles.Scheduler, Roles.System))
            .WithSummary("Books a preparation, dosing or integration session; every resource is held for the whole block")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        sessions.MapPut("/{sessionId:guid}", Reschedule)
            .RequireAuthorization(p => p.RequireRole(Roles.Scheduler, Roles.System))
            .WithSummary("Moves a booked session (all booking rules are checked again)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        sessions.MapPost("/{sessionId:guid}/cancel", Cancel)
            .RequireAuthorization(p => p.RequireRole(Roles.Scheduler, Roles.System))
            .WithSummary("Cancels a booked session with a reason; inside the protocol window it is flagged late")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        sessions.MapPost("/{sessionId:guid}/no-show", NoShow)
            .RequireAuthorization(p => p.RequireRole(Roles.Scheduler, Roles.Therapist, Roles.Medical, Roles.System))
            .WithSummary("Records that the patient did not come")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        sessions.MapPost("/{sessionId:guid}/held", Held)
            .RequireAuthorization(p => p.RequireRole(Roles.Therapist))
            .WithSummary("The therapist marks a preparation or integration session as held")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        return app;
    }

    private static async Task<CommandResult> Book(
        Guid courseId, BookSessionRequest body, HttpContext http, IDocumentSession session, ClinicClock clock,
        SchedulingProtocol protocol, CancellationToken ct)
    {
        var errors = InputValidation.Block(body.Start, body.End);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var course = await session.LoadAsync<TreatmentCourse>(courseId, ct);
        if (course is null)
        {
            return Problems.NotFound($"Course {courseId}");
        }

        if ((body.TherapistId ?? course.TherapistId) is not { } therapistId)
        {
            return Problems.RuleViolated(new Rejection(
                RuleIds.TherapistNotMatched, "Match a therapist to the course (or name one) before booking."));
        }

        var block = new UtcInterval(body.Start, body.End);
        var (resources, resourceErrors) = await ResourceFacts.LoadAsync(
            session, therapistId, body.MedicalProfessionalId, body.RoomId, block, protocol, ct);
        if (resources is null)
        {
            return Problems.Invalid(resourceErrors);
        }

        var key = IdempotencyKey.Read(http.Request);
        var sessionId = body.SessionId ?? (key is null ? Guid.NewGuid() : IdempotencyKey.ToStreamId($"session:{courseId}", key));
        var command = new BookSession(sessionId, body.Kind, body.Start, body.End, therapistId, body.MedicalProfessionalId, body.RoomId);
        var now = clock.Now().Utc;
        return await CourseStream.HandleAsync(
            session, http, courseId, s => CourseDecider.Decide(command, s, now, protocol, resources), ct, sessionId);
    }

    private static async Task<CommandResult> Reschedule(
        Guid courseId, Guid sessionId, RescheduleSessionRequest body, HttpContext http, IDocumentSession session, ClinicClock clock,
        SchedulingProtocol protocol, CancellationToken ct)
    {
        var errors = InputValidation.Block(body.Start, body.End);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var course = await session.LoadAsync<TreatmentCourse>(courseId, ct);
        if (course?.FindSession(sessionId) is not { } existing)
        {
            return Problems.NotFound($"Session {sessionId} of course {courseId}");
        }

        var therapistId = body.TherapistId ?? existing.TherapistId;
        var medicalId = body.MedicalProfessionalId ?? existing.MedicalProfessionalId;
        var roomId = body.RoomId ?? existing.RoomId;
        var (resources, resourceErrors) = await ResourceFacts.LoadAsync(
            session, therapistId, medicalId, roomId, new UtcInterval(body.Start, body.End), protocol, ct);
        if (resources is null)
        {
            return Problems.Invalid(resourceErrors);
        }

        // The ledger deletes this session's rows before inserting the new block in the same transaction, so a
        // move that overlaps its own old slot does not collide with itself.
        var command = new RescheduleSession(sessionId, body.Start, body.End, therapistId, medicalId, roomId);
        var now = clock.Now().Utc;
        return await CourseStream.HandleAsync(
            session, http, courseId, s => CourseDecider.Decide(command, s, now, protocol, resources), ct, sessionId);
    }

    private static async Task<CommandResult> Cancel(
        Guid courseId, Guid sessionId, CancelSessionRequest body, HttpContext http, IDocumentSession session, ClinicClock clock,
        SchedulingProtocol protocol, CancellationToken ct)
    {
        var errors = InputValidation.Reason(body.Reason)
            .Require(
                body.InitiatedBy is CancellationInitiator.Patient or CancellationInitiator.Clinic,
                "initiatedBy",
                "must be Patient or Clinic (holds and closures cancel by themselves)");
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var now = clock.Now().Utc;
        var command = new CancelSession(sessionId, body.Reason.Trim(), body.InitiatedBy);
        return await CourseStream.HandleAsync(
            session, http, courseId, s => CourseDecider.Decide(command, s, now, protocol), ct, sessionId);
    }

    private static async Task<CommandResult> NoShow(
        Guid courseId, Guid sessionId, HttpContext http, IDocumentSession session, ClinicClock clock, SchedulingProtocol protocol,
        CancellationToken ct)
    {
        var now = clock.Now().Utc;
        return await CourseStream.HandleAsync(
            session, http, courseId, s => CourseDecider.Decide(new MarkNoShow(sessionId), s, now, protocol), ct, sessionId);
    }

    private static async Task<CommandResult> Held(
        Guid courseId, Guid sessionId, HttpContext http, IDocumentSession session, ClinicClock clock, SchedulingProtocol protocol,
        CancellationToken ct)
    {
        var now = clock.Now().Utc;
        return await CourseStream.HandleAsync(
            session, http, courseId, s => CourseDecider.Decide(new MarkSessionHeld(sessionId), s, now, protocol), ct, sessionId);
    }
}
