namespace Scheduling.Tests;

public class OpenCourseTests
{
    [Fact]
    public void Opening_a_course_derives_the_plan_from_the_route_and_is_idempotent()
    {
        var opened = OpenCourse.Decide(new OpenCourse(Approval(TreatmentRoute.KetamineAssistedPsychotherapy)), null, At(Now), Protocol);
        var e = Assert.IsType<CourseOpened>(Assert.Single(opened.Events));

        Assert.Equal(2, e.Plan.PreparationSessions);
        Assert.Equal(180, e.Plan.DosingBlockMinutes);
        Assert.Equal(2, e.Plan.MaxDosingPerRolling7Days);
        Assert.Equal(e.Plan.InductionDosingSessions, e.Plan.IntegrationSessions);
        Assert.Empty(OpenCourse.Decide(new OpenCourse(Approval()), Apply(null, opened), At(Now), Protocol).Events);
    }

    [Fact]
    public void Esketamine_plan_is_twice_weekly_then_weekly()
    {
        var plan = CoursePlan.For(TreatmentRoute.EsketamineNasalSpray, Protocol);

        Assert.Equal(12, plan.InductionDosingSessions);
        Assert.Equal(2, plan.WeeklyLimitForWeek(4));
        Assert.Equal(1, plan.WeeklyLimitForWeek(5));
    }

    [Fact]
    public void A_course_opens_on_every_hold_that_arrived_before_it_and_not_on_released_ones()
    {
        var active = new EarlySafetyHold(Guid.NewGuid(), CourseId, "severe dissociation", Now.AddHours(-2), null);
        var released = new EarlySafetyHold(Guid.NewGuid(), CourseId, "pregnancy reported", Now.AddHours(-3), Now.AddHours(-1));
        var releaseOnly = new EarlySafetyHold(Guid.NewGuid(), CourseId, null, null, Now.AddHours(-1));

        var decision = EarlySafetyHold.OpenOnHold(
            OpenCourse.Decide(new OpenCourse(Approval()), null, At(Now), Protocol), [released, active, releaseOnly], null, At(Now), Protocol);
        var course = Apply(null, decision);

        Assert.Equal(active.Id, Assert.Single(course.ActiveHolds).HoldId);
        Assert.Equal(released.Id, course.ReScreeningRequiredAfterHold);
        Assert.Empty(EarlySafetyHold.OpenOnHold(OpenCourse.Decide(new OpenCourse(Approval()), course, At(Now), Protocol), [active], course, At(Now), Protocol).Events);
    }
}
