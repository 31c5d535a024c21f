using System.Diagnostics;
using JasperFx.Events;

namespace Platform.Messaging;

/// <summary>
/// W3C trace context carried in Marten event headers, so work done later from an event (the outbox relay)
/// continues the trace of the request that appended it.
/// </summary>
public static class TraceHeaders
{
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";

    public static ActivityContext? ParentOf(IEvent @event)
    {
        if (@event.Headers is null || !@event.Headers.TryGetValue(TraceParent, out var parent) || parent is null)
        {
            return null;
        }

        @event.Headers.TryGetValue(TraceState, out var state);
        return ActivityContext.TryParse(parent.ToString(), state?.ToString(), out var context) ? context : null;
    }
}
