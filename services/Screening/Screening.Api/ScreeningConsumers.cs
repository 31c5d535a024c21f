using MassTransit;

namespace Screening.Api;

/// <summary>The messages of other services Screening acts on.</summary>
public static class ScreeningConsumers
{
    public static void Register(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<RequireReScreeningOnSafetyHold>();
        bus.AddConsumer<RecordReScreeningWaiverOnRelease>();
        bus.AddConsumer<ApplySafetyHoldsOnApproval>();
    }
}
