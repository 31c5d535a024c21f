using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten.Events.Projections;

namespace Platform.ServiceDefaults.Analytics;

/// <summary>
/// The one shape of a projection into analyst tables (docs/layout.md, "One way to write them"): it takes the daemon's
/// whole page, folds it per clinic, then writes one statement per kind of change.
/// </summary>
public static class AnalystProjections
{
    /// <summary>
    /// The projection as the daemon runs it, async, reading only <paramref name="events"/>: the daemon's page query
    /// skips every other type, so a type missing here is skipped silently.
    /// </summary>
    public static ProjectionWrapper<IDocumentOperations, IQuerySession> Source(IProjection projection, string name, params Type[] events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var source = new ProjectionWrapper<IDocumentOperations, IQuerySession>(projection, ProjectionLifecycle.Async) { Name = name };
        foreach (var type in events)
        {
            source.IncludeType(type);
        }

        return source;
    }

    /// <summary>Queues an insert of <paramref name="rows"/> (its clinic, then the rows as one JSON parameter); nothing when there are none.</summary>
    public static void Insert<TRow>(IDocumentOperations operations, string sql, string clinic, IReadOnlyCollection<TRow> rows)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count > 0)
        {
            operations.QueueSqlCommand(sql, clinic, AnalystTable.Json(rows));
        }
    }

    /// <summary>
    /// Queues an update joined to <paramref name="rows"/> (one JSON parameter; properties it does not name are ignored);
    /// nothing when there are none.
    /// </summary>
    public static void Update<TRow>(IDocumentOperations operations, string sql, IReadOnlyCollection<TRow> rows)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count > 0)
        {
            operations.QueueSqlCommand(sql, AnalystTable.Json(rows));
        }
    }

    /// <summary>For each clinic of the page: a new <typeparamref name="TPage"/>, every event folded into it in order, then its writes.</summary>
    public static void ApplyPage<TPage>(
        IDocumentOperations operations, IReadOnlyList<IEvent> events, Func<TPage> start, Action<TPage, object> fold, Action<TPage, IDocumentOperations, string> write)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(fold);
        ArgumentNullException.ThrowIfNull(write);
        operations.QueueSqlCommand(AnalystTable.PlanForTheseValuesSql);
        foreach (var clinic in events.GroupBy(e => e.TenantId))
        {
            var page = start();
            foreach (var e in clinic)
            {
                fold(page, e.Data);
            }

            write(page, operations, clinic.Key);
        }
    }
}
