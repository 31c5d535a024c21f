namespace Integration.Tests;

public class OverdueIntegrationTests
{
    private static readonly CourseOutcome Course = WithDoses(Open(), 1);
    private static readonly DosingSessionRecorded Dose = Course.DosingSessions[0];

    [Fact]
    public void Not_overdue_at_71_hours_after_discharge()
    {
        Assert.Empty(OverdueIntegration.Find(Course, At(Dose.DischargedAt.AddHours(71)), Clinic));
    }

    [Fact]
    public void Overdue_at_73_hours_after_discharge_without_an_integration_session()
    {
        var overdue = Assert.Single(OverdueIntegration.Find(Course, At(Dose.DischargedAt.AddHours(73)), Clinic));

        Assert.Equal(Dose.SessionId, overdue.DosingSessionId);
        Assert.Equal(Dose.DischargedAt.AddHours(72), overdue.DueBy);
        Assert.True(overdue.IsOpen);
    }

    [Fact]
    public void Not_overdue_when_a_linked_session_was_held_in_the_window()
    {
        var held = Held(Dose.DischargedAt.AddHours(48), Dose.SessionId);

        Assert.Empty(OverdueIntegration.Find([Dose], [held], At(Dose.DischargedAt.AddHours(73)), Clinic));
    }

    [Fact]
    public void A_session_linked_to_another_dose_or_to_none_does_not_count()
    {
        IntegrationSessionHeld[] sessions = [Held(Dose.DischargedAt.AddHours(24), Guid.NewGuid()), Held(Dose.DischargedAt.AddHours(24), null)];

        Assert.Single(OverdueIntegration.Find([Dose], sessions, At(Dose.DischargedAt.AddHours(73)), Clinic));
    }

    [Fact]
    public void A_session_held_after_the_window_is_listed_as_late_not_open()
    {
        var late = Held(Dose.DischargedAt.AddHours(80), Dose.SessionId);

        var entry = Assert.Single(OverdueIntegration.Find([Dose], [late], At(Dose.DischargedAt.AddHours(90)), Clinic));

        Assert.False(entry.IsOpen);
        Assert.Equal(late.HeldAt, entry.HeldLateAt);
    }

    [Fact]
    public void The_window_follows_the_shared_clinic_protocol()
    {
        var strict = Clinic with { IntegrationWindowHours = 48 };

        Assert.Single(OverdueIntegration.Find(Course, At(Dose.DischargedAt.AddHours(49)), strict));
    }

    [Fact]
    public void The_due_day_is_the_clinic_day_near_midnight()
    {
        // Discharged 23:30 in New York on 10 March = 03:30 UTC on 11 March (EDT): due 13 March in the clinic, 14 March in UTC.
        var discharged = new DateTimeOffset(2025, 3, 11, 3, 30, 0, TimeSpan.Zero);
        var dose = Dose with { DoseStartedAt = discharged.AddHours(-2), DischargedAt = discharged };

        var entry = Assert.Single(OverdueIntegration.Find([dose], [], At(discharged.AddHours(73)), Clinic));

        Assert.Equal(new DateTimeOffset(2025, 3, 14, 3, 30, 0, TimeSpan.Zero), entry.DueBy);
        Assert.Equal(new DateOnly(2025, 3, 13), entry.DueOn);
    }

    [Fact]
    public void Not_yet_overdue_one_minute_before_a_deadline_just_after_clinic_midnight()
    {
        // Discharged 00:10 New York time; the deadline is 72 h later at 00:10 clinic time, on the clinic's next-but-two day.
        var discharged = new DateTimeOffset(2025, 6, 2, 4, 10, 0, TimeSpan.Zero);
        var dose = Dose with { DoseStartedAt = discharged.AddHours(-2), DischargedAt = discharged };

        Assert.Empty(OverdueIntegration.Find([dose], [], At(discharged.AddHours(72).AddMinutes(-1)), Clinic));
        Assert.Equal(new DateOnly(2025, 6, 5), Assert.Single(OverdueIntegration.Find([dose], [], At(discharged.AddHours(73)), Clinic)).DueOn);
    }

    private static IntegrationSessionHeld Held(DateTimeOffset at, Guid? dosingId) =>
        new(CourseId, Guid.NewGuid(), dosingId, Clinician, at, [], null, at);
}
