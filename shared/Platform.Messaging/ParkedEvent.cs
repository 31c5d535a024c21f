namespace Platform.Messaging;

/// <summary>
/// A committed event the relay could not turn into a message (mapping or serialisation failed): kept aside so the
/// events after it are still published, until an operator replays it. Only ids, the type and the error are kept,
/// never the payload: the event itself stays in the event store.
/// </summary>
public sealed record ParkedEvent(Guid Id, long Sequence, Guid StreamId, string Clinic, string EventType, string Error, DateTimeOffset ParkedAt)
{
    private const int MaxErrorLength = 500;

    public static ParkedEvent From(JasperFx.Events.IEvent @event, Exception error, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(error);
        var text = $"{error.GetType().Name}: {error.Message}";
        return new ParkedEvent(
            @event.Id, @event.Sequence, @event.StreamId, @event.TenantId, @event.EventTypeName ?? @event.EventType.Name,
            text.Length > MaxErrorLength ? text[..MaxErrorLength] : text, now);
    }
}

/// <summary>Tells a failure that retrying cannot fix from one that waiting out will.</summary>
public static class PublishFailures
{
    /// <summary>
    /// The message cannot be serialised: sending it again gives the same answer. Anything else (broker unreachable,
    /// timeouts, a closed channel) is transient and is retried in order.
    /// </summary>
    public static bool IsPermanent(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is System.Runtime.Serialization.SerializationException or System.Text.Json.JsonException or NotSupportedException)
            {
                return true;
            }
        }

        return false;
    }
}
