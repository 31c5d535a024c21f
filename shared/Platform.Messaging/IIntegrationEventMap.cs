using JasperFx.Events;

namespace Platform.Messaging;

/// <summary>
/// Each service says which of its committed events other services need, as versioned contract records.
/// Returning null keeps the event private to the service.
/// </summary>
public interface IIntegrationEventMap
{
    object? ToContract(IEvent @event);
}
