namespace Integration.Api.Queries;

public static class CourseSummaryEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var courses = app.MapGroup("/courses");

        courses.MapGet("/{courseId:guid}", GetCourse)
            .AsQuery(
                "Course outcomes", "Integration's record of a course: baseline, dosing sessions, outcomes, adverse events, holds",
                Roles.Therapist, Roles.Medical, Roles.Prescriber)
            .WithDescription("Integration session notes are left out here; therapists and prescribers read them at /courses/{courseId}/notes. "
                + "Other clinic systems (system role) have no need for a course's clinical record: they read holds at /holds/active.");

        courses.MapGet("/{courseId:guid}/summary", GetSummary)
            .AsQuery(
                "Course outcomes", "Outcome summary: trajectory, response and remission, four-week check, worsening flag, safety state",
                Roles.Therapist, Roles.Medical, Roles.Prescriber);
    }

    private static async Task<Results<Ok<CourseRecord>, ProblemHttpResult>> GetCourse(
        Guid courseId, IQuerySession session, HttpContext http, CancellationToken cancellationToken)
    {
        var course = await session.LoadAsync<CourseOutcome>(courseId, cancellationToken);
        if (course is null)
        {
            return Problems.NotFound($"Course {courseId}");
        }

        ETags.Set(http.Response, course.Version);

        return TypedResults.Ok(CourseRecord.From(course));
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
