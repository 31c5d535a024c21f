using JasperFx.Events;
using Marten.Events.Projections;
using Platform.ServiceDefaults.Analytics;

namespace Integration.Api.Queries;

/// <summary>
/// Keeps the analyst tables in the async daemon: for every course touched by a batch of events, the course's rows are
/// deleted and written again from its current state, inside the daemon's transaction. Replace-per-course makes a replay
/// or a rebuild idempotent (no upsert can double count) and lets late events re-date earlier rows.
/// </summary>
public sealed class AnalystTablesProjection(IntegrationProtocol protocol, AnalystPseudonyms pseudonyms) : IProjection
{
    public const string Name = "integration-analyst-tables";

    private readonly TimeZoneInfo zone = protocol.Clinic.Zone();

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(events);
        operations.QueueSqlCommand(AnalystTable.PlanForTheseValuesSql);
        foreach (var clinic in events.GroupBy(e => e.TenantId))
        {
            // One load for all the batch's courses of a clinic (a rebuild page touches hundreds): one round trip
            // instead of one per course. The inline write model may already be ahead of this batch; that is the
            // state the rows converge to anyway.
            var courseIds = clinic.Select(e => e.StreamId).Distinct().ToList();
            var courses = (await CourseOutcome.LoadOfClinicAsync(operations, clinic.Key, courseIds, cancellation)).ToDictionary(c => c.Id);
            var keys = courseIds.Select(pseudonyms.Course).ToArray();
            foreach (var table in AnalystTables.All)
            {
                operations.QueueSqlCommand(table.DeleteWhereAnySql("course_key"), keys);
            }

            // And one insert per table for all of them: a rebuild page of new courses was one statement per course
            // and table (a million single-row inserts for a million courses).
            var rows = courseIds.Select(courses.GetValueOrDefault).OfType<CourseOutcome>()
                .Select(course => AnalystRows.For(course, protocol, zone, pseudonyms)).ToList();
            AnalystProjections.Insert(operations, AnalystTables.ScoresByCourseWeek.InsertFromJsonSql, clinic.Key, [.. rows.SelectMany(r => r.ScoresByWeek)]);
            AnalystProjections.Insert(operations, AnalystTables.CourseResponse.InsertFromJsonSql, clinic.Key, [.. rows.Select(r => r.Response)]);
            AnalystProjections.Insert(operations, AnalystTables.TimeToResponse.InsertFromJsonSql, clinic.Key, [.. rows.SelectMany(r => r.TimeToResponse)]);
            AnalystProjections.Insert(operations, AnalystTables.AdverseEvents.InsertFromJsonSql, clinic.Key, [.. rows.SelectMany(r => r.AdverseEvents)]);
        }
    }
}
