using Integration.Api.Domain;
using static Integration.Tests.CourseFixture;

namespace Integration.Tests;

public class OverdueIntegrationTests
{
    private static readonly CourseOutcome Course = WithDoses(Open(), 1);
    private static readonly DosingSessionRecorded Dose = Course.DosingSessions[0];

    [Fact]
    public void Not_overdue_at_71_hours_after_discharge()
    {
        Assert.Empty(OverdueIntegration.Find(Course, Dose.DischargedAt.AddHours(71), Protocol));
    }

    [Fact]
    public void Overdue_at_73_hours_after_discharge_without_an_integration_session()
    {
        var overdue = Assert.Single(OverdueIntegration.Find(Course, Dose.DischargedAt.AddHours(73), Protocol));

        Assert.Equal(Dose.SessionId, overdue.DosingSessionId);
        Assert.Equal(Dose.DischargedAt.AddHours(72), overdue.DueBy);
        Assert.True(overdue.IsOpen);
    }

    [Fact]
    public void Not_overdue_when_a_linked_session_was_held_in_the_window()
    {
        var held = Held(Dose.DischargedAt.AddHours(48), Dose.SessionId);

        Assert.Empty(OverdueIntegration.Find([Dose], [held], Dose.DischargedAt.AddHours(73), Protocol));
    }

    [Fact]
    public void A_session_linked_to_another_dose_or_to_none_does_not_count()
    {
        IntegrationSessionHeld[] sessions = [Held(Dose.DischargedAt.AddHours(24), Guid.NewGuid()), Held(Dose.DischargedAt.AddHours(24), null)];

        Assert.Single(OverdueIntegration.Find([Dose], sessions, Dose.DischargedAt.AddHours(73), Protocol));
    }

    [Fact]
    public void A_session_held_after_the_window_is_listed_as_late_not_open()
    {
        var late = Held(Dose.DischargedAt.AddHours(80), Dose.SessionId);

        var entry = Assert.Single(OverdueIntegration.Find([Dose], [late], Dose.DischargedAt.AddHours(90), Protocol));

        Assert.False(entry.IsOpen);
        Assert.Equal(late.HeldAt, entry.HeldLateAt);
    }

    [Fact]
    public void The_window_follows_the_protocol()
    {
        var strict = Protocol with { IntegrationWindowHours = 48 };

        Assert.Single(OverdueIntegration.Find(Course, Dose.DischargedAt.AddHours(49), strict));
    }

    private static IntegrationSessionHeld Held(DateTimeOffset at, Guid? dosingId) =>
        new(CourseId, Guid.NewGuid(), dosingId, Clinician, at, [], null, at);
}
