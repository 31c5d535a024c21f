using JasperFx.Events;

namespace Scheduling.Tests;

public sealed class SchedulingEventMapTests
{
    [Fact]
    public void A_started_dose_is_published_as_DosingStarted_so_Integration_knows_the_session_in_progress()
    {
        var started = new DoseStarted(CourseId, Guid.NewGuid(), 35m, MedicalId, "v", Now);

        var contract = Assert.IsType<DosingStarted>(Assert.Single(new SchedulingEventMap().ToContracts(new Event<DoseStarted>(started))));

        Assert.Equal(new DosingStarted(CourseId, started.SessionId, Now), contract);
        Assert.Equal(ContractOwners.Scheduling, ContractOwners.OwnerOf(typeof(DosingStarted)));
    }
}
