using JasperFx.Events;

namespace Platform.Messaging;

/// <summary>
/// Each service says which of its committed events other services need, as versioned contract records. An empty
/// list keeps the event private to the service; more than one is the same fact in several contract versions (a v2
/// beside its v1 during a rolling upgrade), all published with the event id as their MessageId.
/// </summary>
public interface IIntegrationEventMap
{
    IReadOnlyList<object> ToContracts(IEvent @event);
}
