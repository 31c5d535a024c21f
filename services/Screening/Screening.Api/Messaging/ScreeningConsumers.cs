using MassTransit;

namespace Screening.Api.Messaging;

public static class ScreeningConsumers
{
    public static void Register(IBusRegistrationConfigurator bus) =>
        bus.AddConsumer<RequireReScreeningOnSafetyHold>();
}
