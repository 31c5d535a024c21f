using MassTransit;

namespace Scheduling.Api;

public static class SchedulingConsumers
{
    public static void Register(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<OpenCourseOnApproval>();
        bus.AddConsumer<HoldDosingOnSafetyHold>();
        bus.AddConsumer<LiftHoldOnRelease>();
        bus.AddConsumer<CloseCourseOnCompletion>();
    }
}
