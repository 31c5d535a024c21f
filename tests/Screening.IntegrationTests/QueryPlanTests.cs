using Marten;
using Screening.Api.Queries;
using Screening.Api.Screenings;

namespace Screening.IntegrationTests;

/// <summary>
/// The prescriber's review queue and the lookup every safety-hold message makes (the screening whose approval opened
/// a course) read through indexes, not every screening of the clinic (<see cref="QueryPlans"/>).
/// </summary>
public sealed class QueryPlanTests(ScreeningApp app) : IClassFixture<ScreeningApp>
{
    [Fact]
    public async Task The_approval_of_a_course_is_found_through_an_index()
    {
        var courseId = Guid.NewGuid();
        await using var session = app.Host.Store.QuerySession(ClinicScope.Development);
        var command = session.Query<ScreeningCase>()
            .Where(s => s.Approval != null && s.Approval.CourseId == courseId)
            .Select(s => s.Id).Take(1).ToCommand();

        QueryPlans.AssertReadsThrough(await QueryPlans.ExplainAsync(app.Host.Postgres, command), "idx_approval_course");
    }

    [Fact]
    public async Task The_review_queue_reads_through_an_index()
    {
        await using var session = app.Host.Store.QuerySession(ClinicScope.Development);
        var command = session.Query<ReviewQueueItem>().Where(i => i.InQueue)
            .OrderBy(i => i.ReferredAt).ThenBy(i => i.Id).Take(51).ToCommand();

        QueryPlans.AssertReadsThrough(await QueryPlans.ExplainAsync(app.Host.Postgres, command), "mt_doc_reviewqueueitem_idx_in_queue");
    }
}
