using System.Text.Json;
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

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(events);
        // The deletes below run as prepared statements (auto-prepare). PostgreSQL keeps a generic plan chosen while the
        // tables were empty, as at the start of a rebuild, and that plan scans the whole table on every page until the
        // next ANALYZE (6 ms a page in the chain year; 0.1 ms on the primary key). Planning them for their own values
        // keeps them on the key; SET LOCAL ends with this page's transaction.
        operations.QueueSqlCommand("set local plan_cache_mode = force_custom_plan");
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
            Insert(operations, clinic.Key, AnalystTables.ScoresByCourseWeek, [.. rows.SelectMany(r => r.ScoresByWeek)]);
            Insert(operations, clinic.Key, AnalystTables.CourseResponse, [.. rows.Select(r => r.Response)]);
            Insert(operations, clinic.Key, AnalystTables.TimeToResponse, [.. rows.SelectMany(r => r.TimeToResponse)]);
            Insert(operations, clinic.Key, AnalystTables.AdverseEvents, [.. rows.SelectMany(r => r.AdverseEvents)]);
        }
    }

    private static void Insert<TRow>(IDocumentOperations operations, string clinic, AnalystTable table, IReadOnlyList<TRow> rows)
    {
        if (rows.Count > 0)
        {
            operations.QueueSqlCommand(table.InsertFromJsonSql, clinic, JsonSerializer.Serialize(rows, Json));
        }
    }
}
