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
