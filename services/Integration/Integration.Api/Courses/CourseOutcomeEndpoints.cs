using Integration.Api.Domain;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;

namespace Integration.Api.Courses;

public static class CourseOutcomeEndpoints
{
    public static IEndpointRouteBuilder MapCourseOutcomes(this IEndpointRouteBuilder app)
    {
        var courses = app.MapGroup("/courses").WithTags("Course outcomes");

        courses.MapGet("/{courseId:guid}", GetCourse)
            .RequireAuthorization(p => p.RequireRole(Roles.Therapist, Roles.Medical, Roles.Prescriber, Roles.System))
            .WithSummary("Integration's record of a course: baseline, dosing sessions, outcomes, adverse events, holds");

        return app;
    }

    private static async Task<Results<Ok<CourseOutcome>, ProblemHttpResult>> GetCourse(
        Guid courseId, IQuerySession session, HttpContext http, CancellationToken cancellationToken)
    {
        var course = await session.LoadAsync<CourseOutcome>(courseId, cancellationToken);
        if (course is null)
        {
            return Problems.NotFound($"Course {courseId}");
        }

        var state = await session.Events.FetchStreamStateAsync(courseId, cancellationToken);
        ETags.Set(http.Response, state?.Version ?? 0);
        return TypedResults.Ok(course);
    }
}
