using System.Diagnostics;
using Marten;
using Platform.ServiceDefaults.Identity;

namespace EndToEnd.Tests;

/// <summary>Reads the W3C trace id a service stored with an event, to follow one request across services.</summary>
public static class StoredTrace
{
    public static async Task<ActivityTraceId?> OfFirstEventAsync<TEvent>(IDocumentStore store, Guid streamId)
    {
        await using var session = store.QuerySession(ClinicScope.Development);
        var events = await session.Events.FetchStreamAsync(streamId);
        var match = events.FirstOrDefault(e => e.Data is TEvent);
        if (match?.Headers is null || !match.Headers.TryGetValue("traceparent", out var parent) || parent is null)
        {
            return null;
        }

        return ActivityContext.TryParse(parent.ToString(), null, out var context) ? context.TraceId : null;
    }
}
