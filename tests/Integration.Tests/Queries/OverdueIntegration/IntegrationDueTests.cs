using JasperFx.Events;

namespace Integration.Tests;

/// <summary>
/// The overdue list reads kept follow-ups (<see cref="IntegrationDue"/>) and filters them in the database; the course
/// summary folds the course (<see cref="OverdueIntegration.Find(CourseOutcome, ClinicTime, ClinicalProtocol)"/>).
/// Both must say the same thing about the same events.
/// </summary>
public class IntegrationDueTests
{
    private static readonly DosingSessionRecorded Dose = WithDoses(Open(), 1).DosingSessions[0];
    private static readonly IntegrationDueProjection Projection = new();

    [Theory]
    [InlineData(null, 73, true)]        // nothing held: open work
    [InlineData(48.0, 73, false)]       // held in the window
    [InlineData(72.0, 73, false)]       // held exactly at the deadline: on time
    [InlineData(80.0, 90, true)]        // held late: listed for the audit, not open
    public void The_kept_follow_up_agrees_with_the_fold(double? heldAfterHours, int nowAfterHours, bool listed)
    {
        IntegrationSessionHeld[] held = heldAfterHours is { } hours ? [Held(Dose.DischargedAt.AddHours(hours))] : [];
        var now = At(Dose.DischargedAt.AddHours(nowAfterHours));

        var due = Fold([Dose, .. held]);
        var fromFold = OverdueIntegration.Find([Dose], held, now, Clinic).SingleOrDefault();

        Assert.Equal(listed, Listed(due!, now, includeLate: true));
        Assert.Equal(listed, fromFold is not null);
        Assert.Equal(fromFold?.IsOpen ?? false, Listed(due!, now, includeLate: false));
        if (fromFold is not null)
        {
            Assert.Equal(fromFold, OverdueIntegration.Entry(due!, now, Clinic));
        }
    }

    [Fact]
    public void The_first_session_held_counts_whatever_order_they_are_recorded_in()
    {
        var due = Fold([Dose, Held(Dose.DischargedAt.AddHours(80)), Held(Dose.DischargedAt.AddHours(24))]);

        Assert.Equal(Dose.DischargedAt.AddHours(24), due!.FirstHeldAt);
        Assert.False(Listed(due, At(Dose.DischargedAt.AddHours(90)), includeLate: true));
    }

    [Fact]
    public void Completing_the_course_closes_its_follow_ups()
    {
        var due = Fold([Dose, new CourseOutcomeCompleted(CourseId, PatientId, CourseResponse.Responder, CourseRecommendation.Discharge, Dose.DischargedAt.AddDays(10), "v1")]);

        Assert.False(due!.CourseOpen);
        Assert.False(due.Awaiting);
    }

    private static IntegrationDue? Fold(IEnumerable<object> events) =>
        events.Aggregate((IntegrationDue?)null, (due, e) => Projection.Evolve(due, Dose.SessionId, Wrap(e)));

    private static IEvent Wrap(object data) => (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(data.GetType()), data)!;

    /// <summary>The endpoint's two filters, as the database evaluates them.</summary>
    private static bool Listed(IntegrationDue d, ClinicTime now, bool includeLate) =>
        d.DischargedAt < now.Utc - Clinic.IntegrationWindow
        && (includeLate
            ? d.CourseOpen && (d.FirstHeldAt == null || d.HeldAfterTicks > Clinic.IntegrationWindow.Ticks)
            : d.Awaiting);

    private static IntegrationSessionHeld Held(DateTimeOffset at) =>
        new(CourseId, Guid.NewGuid(), Dose.SessionId, Clinician, at, [], null, at);
}
