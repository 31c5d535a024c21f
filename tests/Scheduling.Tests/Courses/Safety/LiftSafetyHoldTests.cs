using Platform.Testing;
namespace Scheduling.Tests;

/// <summary>A released hold gates dosing until the patient is re-screened, unless the prescriber waived it.</summary>
public class LiftSafetyHoldTests
{
    // Holds that came before the course are kept as messages, their reasons sealed as on the broker.
    public LiftSafetyHoldTests() => MemoryKeyRing.Install();

    private static readonly Guid HoldId = Guid.Parse("00000000-0000-0000-0000-0000000000d1");

    private static TreatmentCourse HeldThenReleased(TreatmentCourse course, bool waived) =>
        Apply(
            course,
            LiftSafetyHold.Decide(
                new LiftSafetyHold(HoldId, Now, waived),
                Apply(course, ApplySafetyHold.Decide(new ApplySafetyHold(HoldId, "serious adverse event", Now.AddHours(-1)), course, At(Now), Protocol)),
                At(Now),
                Protocol));

    [Fact]
    public void A_release_without_the_waiver_refuses_booking_dosing_but_not_therapy()
    {
        var course = HeldThenReleased(Prepared(), waived: false);

        Assert.False(course.IsOnHold);
        Assert.Equal(HoldId, course.ReScreeningRequiredAfterHold);
        Rejected(BookSession.Decide(Dosing(Guid.NewGuid(), Now.AddDays(1)), course, At(Now), Protocol, DosingResources()), RuleIds.ReScreeningRequired);
        Accepted(BookSession.Decide(
            new BookSession(Guid.NewGuid(), SessionKind.Integration, Now.AddDays(1), Now.AddDays(1).AddHours(1), TherapistId),
            course, At(Now), Protocol, TherapyResources()));
    }

    [Fact]
    public void A_release_with_the_waiver_lets_dosing_be_booked()
    {
        var course = HeldThenReleased(Prepared(), waived: true);

        Assert.Null(course.ReScreeningRequiredAfterHold);
        Accepted(BookSession.Decide(Dosing(Guid.NewGuid(), Now.AddDays(1)), course, At(Now), Protocol, DosingResources()));
    }

    [Fact]
    public void A_session_booked_before_the_hold_cannot_start_its_dose_after_a_release_without_the_waiver()
    {
        // Started 10 minutes ago, so the hold did not cancel it; the patient is checked in and every gate passes.
        var sessionId = Guid.NewGuid();
        var checkedIn = Apply(
            BookDosing(Prepared(), sessionId, Now.AddMinutes(-10)),
            new CheckInRecorded(CourseId, sessionId, new VitalsReading(120, 80, 70, Now), true, true, MedicalId, Now));
        var start = new StartDose(sessionId, 35m, MedicalId);

        Rejected(StartDose.Decide(start, HeldThenReleased(checkedIn, waived: false), At(Now), Protocol), RuleIds.ReScreeningRequired);
        Accepted(StartDose.Decide(start, HeldThenReleased(checkedIn, waived: true), At(Now), Protocol));
    }

    [Fact]
    public void A_later_waived_release_does_not_reopen_a_course_that_needs_re_screening()
    {
        var course = HeldThenReleased(Prepared(), waived: false);
        var second = Guid.NewGuid();
        course = Apply(
            course,
            new SafetyHoldApplied(CourseId, second, "pregnancy reported", Now, Now),
            new SafetyHoldLifted(CourseId, second, Now, ReScreeningWaived: true));

        Rejected(BookSession.Decide(Dosing(Guid.NewGuid(), Now.AddDays(1)), course, At(Now), Protocol, DosingResources()), RuleIds.ReScreeningRequired);
    }

    [Fact]
    public void A_hold_and_its_unwaived_release_that_both_came_before_the_course_still_gate_dosing()
    {
        IReadOnlyList<Platform.Messaging.EarlyMessage> kept =
            [OpenCourseTests.Placed(HoldId, "serious adverse event", Now.AddHours(-3)), OpenCourseTests.Released(HoldId, Now.AddHours(-1), waived: false)];

        var course = Apply(null, EarlyCourseMessages.OpenOnHold(OpenCourse.Decide(new OpenCourse(Approval()), null, At(Now), Protocol), null, kept, At(Now), Protocol));

        Assert.False(course.IsOnHold);
        Assert.Equal(HoldId, course.ReScreeningRequiredAfterHold);
    }
}
