using MassTransit;

namespace Integration.Api.Messaging;

public static class IntegrationConsumers
{
    public static void Register(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<OpenOutcomeRecordOnApproval>();
        bus.AddConsumer<RecordDosingSessionOnCompletion>();
    }
}
