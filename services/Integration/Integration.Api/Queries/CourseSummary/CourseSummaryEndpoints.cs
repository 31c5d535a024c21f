namespace Integration.Api.Queries;

public static class CourseSummaryEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var courses = app.MapGroup("/courses").WithTags("Course outcomes");

        courses.MapGet("/{courseId:guid}", GetCourse)
            .RequireAuthorization(p => p.RequireRole(Roles.Therapist, Roles.Medical, Roles.Prescriber, Roles.System))
            .WithSummary("Integration's record of a course: baseline, dosing sessions, outcomes, adverse events, holds")
            .WithDescription("Integration session notes are left out here; therapists and prescribers read them at /courses/{courseId}/notes.")
            .ProducesQueryProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);

        courses.MapGet("/{courseId:guid}/summary", GetSummary)
            .RequireAuthorization(p => p.RequireRole(Roles.Therapist, Roles.Medical, Roles.Prescriber))
            .WithSummary("Outcome summary: trajectory, response and remission, four-week check, worsening flag, safety state")
            .ProducesQueryProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<CourseOutcome>, ProblemHttpResult>> GetCourse(
        Guid courseId, IQuerySession session, HttpContext http, CancellationToken cancellationToken)
    {
        var course = await session.LoadAsync<CourseOutcome>(courseId, cancellationToken);
        if (course is null)
        {
            return Problems.NotFound($"Course {courseId}");
        }

        ETags.Set(http.Response, course.Version);

        // Notes are psychotherapy notes: this endpoint is open to more roles (medical, system) than may read them.
        return TypedResults.Ok(course with {
            IntegrationSessions = [.. course.IntegrationSessions.Select(s => s with { Notes = null })],
        });
    }

    private static async Task<Results<Ok<CourseSummary>, ProblemHttpResult>> GetSummary(
        Guid courseId, IQuerySession session, HttpContext http, ClinicClock clock, IntegrationProtocol protocol, ClinicalProtocol clinic,
        CancellationToken cancellationToken)
    {
        var course = await session.LoadAsync<CourseOutcome>(courseId, cancellationToken);
        if (course is null)
        {
            return Problems.NotFound($"Course {courseId}");
        }

        ETags.Set(http.Response, course.Version);
        return TypedResults.Ok(CourseSummary.From(course, clock.Now(), protocol, clinic));
    }
}
