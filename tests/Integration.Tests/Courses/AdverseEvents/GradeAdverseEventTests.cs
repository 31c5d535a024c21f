namespace Integration.Tests;

public class GradeAdverseEventTests
{
    private static readonly DateTimeOffset Now = FirstDose.AddDays(5);

    [Fact]
    public void Regrading_up_to_serious_places_a_hold_and_regrading_down_keeps_it()
    {
        var course = Open();
        var mild = AdverseEvent(AdverseEventSeverity.Mild, Now);
        course = Apply(course, Decide(mild, course, At(Now), Protocol));

        var up = Decide(
            new GradeAdverseEvent(CourseId, mild.AdverseEventId, AdverseEventSeverity.Serious, "admitted to hospital", Clinician), course, At(Now), Protocol);
        Assert.Single(up.Events.OfType<HoldPlaced>());
        course = Apply(course, up);

        var down = Decide(
            new GradeAdverseEvent(CourseId, mild.AdverseEventId, AdverseEventSeverity.Moderate, "reassessed", Clinician), course, At(Now), Protocol);
        Assert.IsType<AdverseEventGraded>(Assert.Single(down.Events));
        Assert.NotNull(Apply(course, down).ActiveHold);
    }

    [Fact]
    public void Grading_an_unknown_adverse_event_is_refused()
    {
        var decision = Decide(
            new GradeAdverseEvent(CourseId, Guid.NewGuid(), AdverseEventSeverity.Serious, "x", Clinician), Open(), At(Now), Protocol);

        Assert.Equal(RuleIds.UnknownAdverseEvent, decision.Rejection?.RuleId);
    }
}
