using MassTransit;

namespace Scheduling.Api.Messaging;

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
