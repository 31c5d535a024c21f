using Platform.Messaging;
using Platform.Testing;

namespace Scheduling.Tests;

public class OpenCourseTests
{
    // Holds that came before the course are kept as messages, their reasons sealed as on the broker.
    public OpenCourseTests() => MemoryKeyRing.Install();

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
        var active = Guid.NewGuid();
        var released = Guid.NewGuid();
        var releaseOnly = Guid.NewGuid();
        IReadOnlyList<EarlyMessage> kept =
        [
            Placed(released, "pregnancy reported", Now.AddHours(-3)),
            Placed(active, "severe dissociation", Now.AddHours(-2)),
            Released(released, Now.AddHours(-1)),
            Released(releaseOnly, Now.AddHours(-1)),
        ];

        var decision = EarlyCourseMessages.OpenOnHold(OpenCourse.Decide(new OpenCourse(Approval()), null, At(Now), Protocol), null, kept, At(Now), Protocol);
        var course = Apply(null, decision);

        Assert.Equal(active, Assert.Single(course.ActiveHolds).HoldId);
        Assert.Equal(released, course.ReScreeningRequiredAfterHold);
        Assert.Empty(EarlyCourseMessages.OpenOnHold(OpenCourse.Decide(new OpenCourse(Approval()), course, At(Now), Protocol), course, [kept[1]], At(Now), Protocol).Events);
    }

    [Fact]
    public void A_release_kept_before_its_hold_sorts_still_lifts_it()
    {
        var hold = Guid.NewGuid();
        IReadOnlyList<EarlyMessage> kept = [Released(hold, Now.AddHours(-3)), Placed(hold, "severe dissociation", Now.AddHours(-2))];

        var course = Apply(null, EarlyCourseMessages.OpenOnHold(OpenCourse.Decide(new OpenCourse(Approval()), null, At(Now), Protocol), null, kept, At(Now), Protocol));

        Assert.False(course.IsOnHold);
        Assert.Equal(hold, course.ReScreeningRequiredAfterHold);
    }

    internal static EarlyMessage Placed(Guid holdId, string reason, DateTimeOffset placedAt) =>
        EarlyMessage.Of(CourseId, holdId.ToString(), new SafetyHoldPlaced(CourseId, Guid.NewGuid(), holdId, SafetyHoldTrigger.AdverseEvent, reason, placedAt), placedAt, Now);

    internal static EarlyMessage Released(Guid holdId, DateTimeOffset releasedAt, bool waived = false) =>
        EarlyMessage.Of(CourseId, holdId.ToString(), new SafetyHoldReleased(CourseId, Guid.NewGuid(), holdId, releasedAt, waived), releasedAt, Now);
}
