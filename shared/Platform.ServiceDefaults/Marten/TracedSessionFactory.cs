using System.Diagnostics;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.ServiceDefaults.Marten;

/// <summary>
/// Lightweight sessions of the clinic in scope (<see cref="ClinicScope"/>) that stamp every appended event with the
/// caller's W3C trace context.
/// </summary>
public sealed class TracedSessionFactory(IDocumentStore store) : ISessionFactory
{
    public IQuerySession QuerySession() => store.QuerySession(ClinicScope.Current);

    public IDocumentSession OpenSession()
    {
        var session = store.LightweightSession(ClinicScope.Current);
        var activity = Activity.Current;
        if (activity is not null)
        {
            session.CorrelationId = activity.TraceId.ToString();
            session.SetHeader(TraceHeaders.TraceParent, activity.Id!);
            if (!string.IsNullOrEmpty(activity.TraceStateString))
            {
                session.SetHeader(TraceHeaders.TraceState, activity.TraceStateString);
            }
        }

        return session;
    }
}
