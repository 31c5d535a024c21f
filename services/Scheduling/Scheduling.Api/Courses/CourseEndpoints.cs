using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Domain;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Time;
using Scheduling.Api.Courses.Booking;
using Scheduling.Api.Domain;

namespace Scheduling.Api.Courses;

/// <summary>The course as a whole: read it, match its therapist, follow its progress, close it.</summary>
public static class CourseEndpoints
{
    public static IEndpointRouteBuilder MapCourses(this IEndpointRouteBuilder app)
    {
        var courses = app.MapGroup("/courses").WithTags("Courses");

        courses.MapGet("/{courseId:guid}", GetCourse)
            .RequireAuthorization(p => p.RequireRole(Roles.Scheduler, Roles.Therapist, Roles.Medical, Roles.Prescriber, Roles.System))
            .WithSummary("Scheduling's view of a treatment course: plan, sessions, holds")
            .ProducesProblem(StatusCodes.Status404NotFound);

        courses.MapGet("/{courseId:guid}/progress", GetProgress)
            .RequireAuthorization(p => p.RequireRole(Roles.Scheduler, Roles.Therapist, Roles.Medical, Roles.Prescriber, Roles.System))
            .WithSummary("Sessions planned, booked, held and remaining per kind, and what is due next")
            .ProducesProblem(StatusCodes.Status404NotFound);

        courses.MapPut("/{courseId:guid}/therapist", MatchTherapist)
            .RequireAuthorization(p => p.RequireRole(Roles.Scheduler, Roles.System))
            .WithSummary("Matches the therapist who will prepare the patient and sit the dosing sessions")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status412PreconditionFailed);

        courses.MapPost("/{courseId:guid}/close", Close)
            .RequireAuthorization(p => p.RequireRole(Roles.Scheduler, Roles.Prescriber, Roles.System))
            .WithSummary("Closes the course; future dosing sessions are cancelled and their resources freed")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        return app;
    }

    private static async Task<Results<Ok<TreatmentCourse>, ProblemHttpResult>> GetCourse(
        Guid courseId, IQuerySession session, HttpContext http, CancellationToken cancellationToken)
    {
        var course = await session.LoadAsync<TreatmentCourse>(courseId, cancellationToken);
        if (course is null)
        {
            return Problems.NotFound($"Course {courseId}");
        }

        var version = await session.Events.FetchStreamStateAsync(courseId, cancellationToken);
        ETags.Set(http.Response, version?.Version ?? 0);
        return TypedResults.Ok(course);
    }

    private static async Task<Results<Ok<CourseProgress>, ProblemHttpResult>> GetProgress(
        Guid courseId, IQuerySession session, ClinicClock clock, SchedulingProtocol protocol, CancellationToken ct) =>
        await session.LoadAsync<TreatmentCourse>(courseId, ct) is { } course
            ? TypedResults.Ok(CourseProgressCalculator.Calculate(course, clock.Now().Utc, protocol))
            : Problems.NotFound($"Course {courseId}");

    private static async Task<Results<Ok<CourseCommandAccepted>, ValidationProblem, ProblemHttpResult>> MatchTherapist(
        Guid courseId, MatchTherapistRequest body, HttpContext http, IDocumentSession session, ClinicClock clock,
        SchedulingProtocol protocol, CancellationToken ct)
    {
        var therapist = await session.LoadAsync<StaffMember>(body.TherapistId, ct);
        if (therapist is null)
        {
            return Problems.Invalid("therapistId", "is not a known staff member");
        }

        var now = clock.Now().Utc;
        return await CourseStream.HandleAsync(
            session, http, courseId, s => CourseDecider.Decide(new MatchTherapist(body.TherapistId), s, now, protocol, therapist), ct);
    }

    private static async Task<Results<Ok<CourseCommandAccepted>, ValidationProblem, ProblemHttpResult>> Close(
        Guid courseId, CloseCourseRequest body, HttpContext http, IDocumentSession session, ClinicClock clock,
        SchedulingProtocol protocol, CancellationToken ct)
    {
        var errors = InputValidation.Reason(body.Reason);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var now = clock.Now().Utc;
        return await CourseStream.HandleAsync(
            session, http, courseId, s => CourseDecider.Decide(new CloseCourse(body.Reason.Trim()), s, now, protocol), ct);
    }
}
