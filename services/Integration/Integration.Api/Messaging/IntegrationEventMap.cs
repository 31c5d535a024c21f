using Integration.Api.Domain;
using JasperFx.Events;
using Platform.ServiceDefaults.Outbox;

namespace Integration.Api.Messaging;

/// <summary>The committed Integration events other services need, as versioned contracts.</summary>
public sealed class IntegrationEventMap : IIntegrationEventMap
{
    public object? ToContract(IEvent @event) => ContractMapping.ToContractOrNull(@event.Data);
}
