using MassTransit;

namespace Integration.Api;

/// <summary>The messages of other services Integration acts on.</summary>
public static class IntegrationConsumers
{
    public static void Register(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<OpenOutcomeRecordOnApproval>();
        bus.AddConsumer<RecordDosingSessionOnCompletion>();
        bus.AddConsumer<RecordDosingStartOnStart>();
    }
}
