using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;
using Scheduling.Api.Domain;

namespace Scheduling.Api.Courses;

public static class CourseEndpoints
{
    public static IEndpointRouteBuilder MapCourses(this IEndpointRouteBuilder app)
    {
        var courses = app.MapGroup("/courses").WithTags("Courses");

        courses.MapGet("/{courseId:guid}", GetCourse)
            .RequireAuthorization(p => p.RequireRole(Roles.Scheduler, Roles.Therapist, Roles.Medical, Roles.Prescriber, Roles.System))
            .WithSummary("Scheduling's view of a treatment course: plan, sessions, holds");

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
}
