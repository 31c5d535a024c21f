namespace Scheduling.Api.Queries;

/// <summary>Scheduling's view of one course (<see cref="CourseView"/>) and its progress against the plan.</summary>
public static class CourseEndpoints
{
    internal static readonly string[] Readers = [Roles.Scheduler, Roles.Therapist, Roles.Medical, Roles.Prescriber, Roles.System];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/courses/{courseId:guid}", GetCourse)
            .AsQuery("Courses", "Scheduling's view of a treatment course: plan, sessions, holds", Readers);
        app.MapGet("/courses/{courseId:guid}/progress", GetProgress)
            .AsQuery("Courses", "Sessions planned, booked, held and remaining per kind, and what is due next", Readers);
    }

    private static async Task<Results<Ok<CourseView>, ProblemHttpResult>> GetCourse(
        Guid courseId, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        if (await session.LoadAsync<TreatmentCourse>(courseId, ct) is not { } course)
        {
            return Problems.NotFound($"Course {courseId}");
        }

        ETags.Set(http.Response, course.Version);
        return TypedResults.Ok(CourseView.From(course));
    }

    private static async Task<Results<Ok<CourseProgress>, ProblemHttpResult>> GetProgress(
        Guid courseId, IQuerySession session, ClinicClock clock, SchedulingProtocol protocol, CancellationToken ct) =>
        await session.LoadAsync<TreatmentCourse>(courseId, ct) is { } course
            ? TypedResults.Ok(CourseProgressCalculator.Calculate(course, clock.Now().Utc, protocol))
            : Problems.NotFound($"Course {courseId}");
}
