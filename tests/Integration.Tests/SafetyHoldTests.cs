using Platform.Contracts;
using static Integration.Tests.CourseFixture;

namespace Integration.Tests;

public class SafetyHoldTests
{
    private static readonly DateTimeOffset Now = FirstDose.AddDays(5);

    [Theory]
    [InlineData(AdverseEventSeverity.Serious)]
    [InlineData(AdverseEventSeverity.Severe)]
    public void Severe_or_serious_adverse_event_places_a_hold(AdverseEventSeverity severity)
    {
        var course = WithDoses(Open(), 2);
        var decision = Decide(AdverseEvent(severity, FirstDose.AddDays(3.5)), course, At(Now), Protocol, Clinic);

        Assert.False(decision.IsRejected);
        var hold = Assert.Single(decision.Events.OfType<HoldPlaced>());
        Assert.Equal(SafetyHoldTrigger.AdverseEvent, hold.Trigger);
        Assert.Equal(PatientId, hold.PatientId);
        Assert.Contains("RespiratoryDepression", hold.Reason, StringComparison.Ordinal);
        Assert.NotNull(Apply(course, decision).ActiveHold);
    }

    [Theory]
    [InlineData(AdverseEventSeverity.Mild)]
    [InlineData(AdverseEventSeverity.Moderate)]
    public void Mild_or_moderate_adverse_event_is_recorded_without_a_hold(AdverseEventSeverity severity)
    {
        var course = WithDoses(Open(), 2);
        var decision = Decide(AdverseEvent(severity, FirstDose.AddDays(3.5)), course, At(Now), Protocol, Clinic);

        Assert.IsType<AdverseEventRecorded>(Assert.Single(decision.Events));
        Assert.Null(Apply(course, decision).ActiveHold);
    }

    [Fact]
    public void Adverse_event_dated_before_the_course_began_is_refused()
    {
        var course = Open();
        var decision = Decide(AdverseEvent(AdverseEventSeverity.Mild, ApprovedAt.AddMinutes(-1)), course, At(Now), Protocol, Clinic);

        Assert.Equal(RuleIds.EventBeforeCourse, decision.Rejection?.RuleId);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void Adverse_event_at_the_moment_the_course_began_is_accepted()
    {
        var decision = Decide(AdverseEvent(AdverseEventSeverity.Mild, ApprovedAt), Open(), At(Now), Protocol, Clinic);

        Assert.False(decision.IsRejected);
    }

    [Fact]
    public void Adverse_event_on_an_unknown_course_is_refused()
    {
        var decision = Decide(AdverseEvent(AdverseEventSeverity.Serious, Now), null, At(Now), Protocol, Clinic);

        Assert.Equal(RuleIds.CourseNotOpen, decision.Rejection?.RuleId);
    }

    [Fact]
    public void Adverse_event_linked_to_an_unrecorded_dosing_session_is_refused()
    {
        var decision = Decide(
            AdverseEvent(AdverseEventSeverity.Mild, Now, dosingSessionId: Guid.NewGuid()), Open(), At(Now), Protocol, Clinic);

        Assert.Equal(RuleIds.UnknownDosingSession, decision.Rejection?.RuleId);
    }

    [Fact]
    public void Replayed_adverse_event_appends_nothing_but_a_changed_one_with_the_same_id_is_refused()
    {
        var course = Open();
        var command = AdverseEvent(AdverseEventSeverity.Serious, Now);
        course = Apply(course, Decide(command, course, At(Now), Protocol, Clinic));

        Assert.Empty(Decide(command, course, At(Now), Protocol, Clinic).Events);
        var changed = command with { Type = AdverseEventType.Sedation };
        Assert.Equal(RuleIds.IdConflict, Decide(changed, course, At(Now), Protocol, Clinic).Rejection?.RuleId);
    }

    [Fact]
    public void Regrading_up_to_serious_places_a_hold_and_regrading_down_keeps_it()
    {
        var course = Open();
        var mild = AdverseEvent(AdverseEventSeverity.Mild, Now);
        course = Apply(course, Decide(mild, course, At(Now), Protocol, Clinic));

        var up = Decide(
            new GradeAdverseEvent(CourseId, mild.AdverseEventId, AdverseEventSeverity.Serious, "admitted to hospital", Clinician), course, At(Now), Protocol, Clinic);
        Assert.Single(up.Events.OfType<HoldPlaced>());
        course = Apply(course, up);

        var down = Decide(
            new GradeAdverseEvent(CourseId, mild.AdverseEventId, AdverseEventSeverity.Moderate, "reassessed", Clinician), course, At(Now), Protocol, Clinic);
        Assert.IsType<AdverseEventGraded>(Assert.Single(down.Events));
        Assert.NotNull(Apply(course, down).ActiveHold);
    }

    [Fact]
    public void Grading_an_unknown_adverse_event_is_refused()
    {
        var decision = Decide(
            new GradeAdverseEvent(CourseId, Guid.NewGuid(), AdverseEventSeverity.Serious, "x", Clinician), Open(), At(Now), Protocol, Clinic);

        Assert.Equal(RuleIds.UnknownAdverseEvent, decision.Rejection?.RuleId);
    }

    [Fact]
    public void New_high_cssrs_risk_places_a_hold()
    {
        var course = WithDoses(Open(), 1);
        var decision = Decide(Cssrs("high", FirstDose.AddDays(2)), course, At(Now), Protocol, Clinic);

        var hold = Assert.Single(decision.Events.OfType<HoldPlaced>());
        Assert.Equal(SafetyHoldTrigger.HighSuicideRisk, hold.Trigger);
    }

    [Theory]
    [InlineData("low")]
    [InlineData("moderate")]
    public void Low_or_moderate_cssrs_risk_does_not_place_a_hold(string risk)
    {
        var decision = Decide(Cssrs(risk, FirstDose), WithDoses(Open(), 1), At(Now), Protocol, Clinic);

        Assert.IsType<OutcomeMeasured>(Assert.Single(decision.Events));
    }

    [Fact]
    public void High_cssrs_risk_on_an_already_held_course_adds_a_reason_instead_of_a_second_hold()
    {
        var course = Measure(WithDoses(Open(), 1), Cssrs("high", FirstDose.AddDays(1)));
        var firstHold = Assert.Single(course.Holds);

        var decision = Decide(Cssrs("high", FirstDose.AddDays(2)), course, At(Now), Protocol, Clinic);

        Assert.Empty(decision.Events.OfType<HoldPlaced>());
        var added = Assert.Single(decision.Events.OfType<HoldTriggerAdded>());
        Assert.Equal(firstHold.HoldId, added.HoldId);
        var after = Apply(course, decision);
        Assert.Single(after.Holds);
        Assert.Equal(2, after.ActiveHold!.Reasons.Count);
    }

    [Fact]
    public void Serious_adverse_event_during_a_pregnancy_hold_is_added_to_that_hold()
    {
        var course = Apply(Open(), Decide(new ReportPregnancy(CourseId, Guid.NewGuid(), Now, Clinician, null), Open(), At(Now), Protocol, Clinic));

        var decision = Decide(AdverseEvent(AdverseEventSeverity.Serious, Now), course, At(Now), Protocol, Clinic);

        Assert.Equal(SafetyHoldTrigger.AdverseEvent, Assert.Single(decision.Events.OfType<HoldTriggerAdded>()).Trigger);
    }

    [Fact]
    public void Pregnancy_places_a_hold()
    {
        var decision = Decide(new ReportPregnancy(CourseId, Guid.NewGuid(), Now, Clinician, "positive test"), Open(), At(Now), Protocol, Clinic);

        Assert.IsType<PregnancyReported>(decision.Events[0]);
        var hold = Assert.IsType<HoldPlaced>(decision.Events[1]);
        Assert.Equal(SafetyHoldTrigger.Pregnancy, hold.Trigger);
        Assert.DoesNotContain("positive test", hold.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Replayed_pregnancy_report_appends_nothing()
    {
        var report = new ReportPregnancy(CourseId, Guid.NewGuid(), Now, Clinician, null);
        var course = Apply(Open(), Decide(report, Open(), At(Now), Protocol, Clinic));

        Assert.Empty(Decide(report, course, At(Now), Protocol, Clinic).Events);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Release_without_justification_is_refused(string justification)
    {
        var held = Apply(Open(), Decide(AdverseEvent(AdverseEventSeverity.Serious, Now), Open(), At(Now), Protocol, Clinic));

        var decision = Decide(new ReleaseSafetyHold(CourseId, null, justification, Clinician), held, At(Now), Protocol, Clinic);

        Assert.Equal(RuleIds.HoldJustificationRequired, decision.Rejection?.RuleId);
        Assert.True(new ReleaseHoldRequest(null, justification).Validate().Any);
    }

    [Fact]
    public void Release_without_an_active_hold_is_refused()
    {
        var decision = Decide(new ReleaseSafetyHold(CourseId, null, "reviewed", Clinician), Open(), At(Now), Protocol, Clinic);

        Assert.Equal(RuleIds.NoActiveHold, decision.Rejection?.RuleId);
    }

    [Fact]
    public void Release_with_justification_releases_the_active_hold_once()
    {
        var held = Apply(Open(), Decide(AdverseEvent(AdverseEventSeverity.Serious, Now), Open(), At(Now), Protocol, Clinic));
        var holdId = held.ActiveHold!.HoldId;

        var decision = Decide(new ReleaseSafetyHold(CourseId, holdId, "  BP normal on review  ", Clinician), held, At(Now.AddDays(1)), Protocol, Clinic);

        var released = Assert.IsType<HoldReleased>(Assert.Single(decision.Events));
        Assert.Equal(holdId, released.HoldId);
        Assert.Equal("BP normal on review", released.Justification);
        var after = Apply(held, decision);
        Assert.Null(after.ActiveHold);
        Assert.Equal(
            RuleIds.NoActiveHold,
            Decide(new ReleaseSafetyHold(CourseId, holdId, "again", Clinician), after, At(Now), Protocol, Clinic).Rejection?.RuleId);
    }

    [Fact]
    public void High_cssrs_after_a_release_places_a_new_hold_with_a_new_id()
    {
        var course = Measure(WithDoses(Open(), 1), Cssrs("high", FirstDose.AddDays(1)));
        var first = course.ActiveHold!.HoldId;
        course = Apply(course, Decide(new ReleaseSafetyHold(CourseId, null, "safety plan in place", Clinician), course, At(Now), Protocol, Clinic));

        var decision = Decide(Cssrs("high", FirstDose.AddDays(3)), course, At(Now), Protocol, Clinic);

        Assert.NotEqual(first, Assert.Single(decision.Events.OfType<HoldPlaced>()).HoldId);
    }

    [Fact]
    public void Hold_id_is_the_same_when_the_same_command_is_decided_twice()
    {
        var course = Open();
        var command = AdverseEvent(AdverseEventSeverity.Serious, Now);

        var first = Decide(command, course, At(Now), Protocol, Clinic).Events.OfType<HoldPlaced>().Single();
        var second = Decide(command, course, At(Now), Protocol, Clinic).Events.OfType<HoldPlaced>().Single();

        Assert.Equal(first.HoldId, second.HoldId);
    }

    [Fact]
    public void Hold_events_map_to_contracts_without_the_justification()
    {
        var held = Apply(Open(), Decide(AdverseEvent(AdverseEventSeverity.Serious, Now), Open(), At(Now), Protocol, Clinic));
        var placed = held.Holds[0];
        var release = Decide(new ReleaseSafetyHold(CourseId, null, "secret clinical detail", Clinician), held, At(Now), Protocol, Clinic);

        var contract = Assert.IsType<SafetyHoldReleased>(ContractMapping.ToContractOrNull(release.Events[0]));
        Assert.Equal(placed.HoldId, contract.HoldId);
        Assert.Null(ContractMapping.ToContractOrNull(new PregnancyReported(CourseId, Guid.NewGuid(), Now, Clinician, null)));
    }
}
