namespace Integration.Tests;

public class ReportPregnancyTests
{
    private static readonly DateTimeOffset Now = FirstDose.AddDays(5);

    [Fact]
    public void Pregnancy_places_a_hold()
    {
        var decision = Decide(new ReportPregnancy(CourseId, Guid.NewGuid(), Now, Clinician, "positive test"), Open(), At(Now), Protocol);

        Assert.IsType<PregnancyReported>(decision.Events[0]);
        var hold = Assert.IsType<HoldPlaced>(decision.Events[1]);
        Assert.Equal(SafetyHoldTrigger.Pregnancy, hold.Trigger);
        Assert.DoesNotContain("positive test", hold.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Replayed_pregnancy_report_appends_nothing()
    {
        var report = new ReportPregnancy(CourseId, Guid.NewGuid(), Now, Clinician, null);
        var course = Apply(Open(), Decide(report, Open(), At(Now), Protocol));

        Assert.Empty(Decide(report, course, At(Now), Protocol).Events);
    }
}
