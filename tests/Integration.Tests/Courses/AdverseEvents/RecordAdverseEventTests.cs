namespace Integration.Tests;

public class RecordAdverseEventTests
{
    private static readonly DateTimeOffset Now = FirstDose.AddDays(5);

    private static RecordAdverseEventRequest AdverseEventRequest(AdverseEventSeverity severity) =>
        new(AdverseEventType.RespiratoryDepression, severity, Now, "Observed", "Resolved", OnsetMinutesAfterDose: 30);

    [Theory]
    [InlineData(AdverseEventSeverity.Serious)]
    [InlineData(AdverseEventSeverity.Severe)]
    public void Severe_or_serious_adverse_event_places_a_hold(AdverseEventSeverity severity)
    {
        var course = WithDoses(Open(), 2);
        var decision = Decide(AdverseEvent(severity, FirstDose.AddDays(3.5)), course, At(Now), Protocol);

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
        var decision = Decide(AdverseEvent(severity, FirstDose.AddDays(3.5)), course, At(Now), Protocol);

        Assert.IsType<AdverseEventRecorded>(Assert.Single(decision.Events));
        Assert.Null(Apply(course, decision).ActiveHold);
    }

    [Fact]
    public void Adverse_event_dated_before_the_course_began_is_refused()
    {
        var course = Open();
        var decision = Decide(AdverseEvent(AdverseEventSeverity.Mild, ApprovedAt.AddMinutes(-1)), course, At(Now), Protocol);

        Assert.Equal(RuleIds.EventBeforeCourse, decision.Rejection?.RuleId);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void Adverse_event_at_the_moment_the_course_began_is_accepted()
    {
        var decision = Decide(AdverseEvent(AdverseEventSeverity.Mild, ApprovedAt), Open(), At(Now), Protocol);

        Assert.False(decision.IsRejected);
    }

    [Fact]
    public void Adverse_event_on_an_unknown_course_is_refused()
    {
        var decision = Decide(AdverseEvent(AdverseEventSeverity.Serious, Now), null, At(Now), Protocol);

        Assert.Equal(RuleIds.CourseNotOpen, decision.Rejection?.RuleId);
    }

    [Fact]
    public void Adverse_event_linked_to_an_unrecorded_dosing_session_is_refused()
    {
        var decision = Decide(
            AdverseEvent(AdverseEventSeverity.Mild, Now, dosingSessionId: Guid.NewGuid()), Open(), At(Now), Protocol);

        Assert.Equal(RuleIds.UnknownDosingSession, decision.Rejection?.RuleId);
    }

    [Fact]
    public void Replayed_adverse_event_appends_nothing_but_a_changed_one_with_the_same_id_is_refused()
    {
        var course = Open();
        var command = AdverseEvent(AdverseEventSeverity.Serious, Now);
        course = Apply(course, Decide(command, course, At(Now), Protocol));

        Assert.Empty(Decide(command, course, At(Now), Protocol).Events);
        var changed = command with { Type = AdverseEventType.Sedation };
        Assert.Equal(RuleIds.IdConflict, Decide(changed, course, At(Now), Protocol).Rejection?.RuleId);
    }

    [Fact]
    public void Serious_adverse_event_during_a_pregnancy_hold_is_added_to_that_hold()
    {
        var course = Apply(Open(), Decide(new ReportPregnancy(CourseId, Guid.NewGuid(), Now, Clinician, null), Open(), At(Now), Protocol));

        var decision = Decide(AdverseEvent(AdverseEventSeverity.Serious, Now), course, At(Now), Protocol);

        Assert.Equal(SafetyHoldTrigger.AdverseEvent, Assert.Single(decision.Events.OfType<HoldTriggerAdded>()).Trigger);
    }

    [Theory]
    [InlineData(-61, true)]
    [InlineData(-60, false)]
    [InlineData(10_080, false)]
    [InlineData(10_081, true)]
    public void Onset_minutes_must_be_sane(int onset, bool invalid)
    {
        var request = AdverseEventRequest(AdverseEventSeverity.Mild) with { OnsetMinutesAfterDose = onset };

        Assert.Equal(invalid, request.Validate(Now).ToDictionary().ContainsKey("onsetMinutesAfterDose"));
    }

    [Fact]
    public void Missing_type_severity_and_date_are_required_fields()
    {
        var errors = new RecordAdverseEventRequest(null, null, null, "Observed", "Resolved").Validate(Now).ToDictionary();

        Assert.Contains("type", errors.Keys);
        Assert.Contains("severity", errors.Keys);
        Assert.Contains("occurredAt", errors.Keys);
    }

    [Fact]
    public void Unknown_severity_and_type_are_field_errors()
    {
        var request = AdverseEventRequest((AdverseEventSeverity)42) with { Type = (AdverseEventType)99 };

        var errors = request.Validate(Now).ToDictionary();

        Assert.Contains("severity", errors.Keys);
        Assert.Contains("type", errors.Keys);
        Assert.Contains("severity", new GradeAdverseEventRequest((AdverseEventSeverity)7, "r").Validate().ToDictionary().Keys);
    }

    [Fact]
    public void Valid_adverse_event_has_no_errors()
    {
        Assert.False(AdverseEventRequest(AdverseEventSeverity.Severe).Validate(Now).Any);
    }
}
