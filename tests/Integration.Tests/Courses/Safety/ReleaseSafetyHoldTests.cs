namespace Integration.Tests;

public class ReleaseSafetyHoldTests
{
    private static readonly DateTimeOffset Now = FirstDose.AddDays(5);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Release_without_justification_is_refused(string justification)
    {
        var held = Apply(Open(), Decide(AdverseEvent(AdverseEventSeverity.Serious, Now), Open(), At(Now), Protocol));

        var decision = Decide(new ReleaseSafetyHold(CourseId, null, justification, Clinician), held, At(Now), Protocol);

        Assert.Equal(RuleIds.HoldJustificationRequired, decision.Rejection?.RuleId);
        Assert.True(new ReleaseHoldRequest(justification).Validate().Any);
    }

    [Fact]
    public void Release_without_an_active_hold_is_refused()
    {
        var decision = Decide(new ReleaseSafetyHold(CourseId, null, "reviewed", Clinician), Open(), At(Now), Protocol);

        Assert.Equal(RuleIds.NoActiveHold, decision.Rejection?.RuleId);
    }

    [Fact]
    public void Release_with_justification_releases_the_active_hold_once()
    {
        var held = Apply(Open(), Decide(AdverseEvent(AdverseEventSeverity.Serious, Now), Open(), At(Now), Protocol));
        var holdId = held.ActiveHold!.HoldId;

        var decision = Decide(new ReleaseSafetyHold(CourseId, holdId, "  BP normal on review  ", Clinician), held, At(Now.AddDays(1)), Protocol);

        var released = Assert.IsType<HoldReleased>(Assert.Single(decision.Events));
        Assert.Equal(holdId, released.HoldId);
        Assert.Equal("BP normal on review", released.Justification);
        var after = Apply(held, decision);
        Assert.Null(after.ActiveHold);
        Assert.Equal(
            RuleIds.NoActiveHold,
            Decide(new ReleaseSafetyHold(CourseId, holdId, "again", Clinician), after, At(Now), Protocol).Rejection?.RuleId);
    }

    [Theory]
    [InlineData(2000, false)]
    [InlineData(2001, true)]
    public void Justification_is_at_most_2000_characters(int length, bool invalid)
    {
        var errors = new ReleaseHoldRequest(new string('x', length)).Validate();

        Assert.Equal(invalid, errors.Any);
    }

    [Fact]
    public void Waiving_re_screening_needs_a_reason_and_the_reason_needs_the_waiver()
    {
        Assert.Equal(["reScreeningWaiverReason"], new ReleaseHoldRequest("reviewed", ReScreeningNotNeeded: true).Validate().ToDictionary().Keys);
        Assert.Equal(["reScreeningWaiverReason"], new ReleaseHoldRequest("reviewed", null, false, "because").Validate().ToDictionary().Keys);
        Assert.False(new ReleaseHoldRequest("reviewed", null, true, "BP spike explained by white-coat effect").Validate().Any);

        var held = Apply(Open(), Decide(AdverseEvent(AdverseEventSeverity.Serious, Now), Open(), At(Now), Protocol));
        Assert.Equal(
            RuleIds.ReScreeningWaiverReasonRequired,
            Decide(new ReleaseSafetyHold(CourseId, null, "reviewed", Clinician, true, " "), held, At(Now), Protocol).Rejection?.RuleId);
    }

    [Fact]
    public void The_waiver_is_recorded_and_published_and_its_absence_is_published_as_no_waiver()
    {
        var held = Apply(Open(), Decide(AdverseEvent(AdverseEventSeverity.Serious, Now), Open(), At(Now), Protocol));

        var waived = Decide(new ReleaseSafetyHold(CourseId, null, "reviewed", Clinician, true, "  transient, explained  "), held, At(Now), Protocol);
        var plain = Decide(new ReleaseSafetyHold(CourseId, null, "reviewed", Clinician), held, At(Now), Protocol);

        var released = Assert.IsType<HoldReleased>(Assert.Single(waived.Events));
        Assert.True(released.ReScreeningNotNeeded);
        Assert.Equal("transient, explained", released.ReScreeningWaiverReason);
        var contract = Assert.IsType<SafetyHoldReleased>(Published(released));
        Assert.True(contract.ReScreeningNotNeeded);
        Assert.Equal("transient, explained", contract.ReScreeningWaiverReason);
        Assert.Equal(Clinician, contract.ReleasedBy);
        Assert.False(Assert.IsType<SafetyHoldReleased>(Published(plain.Events[0])).ReScreeningNotNeeded);
    }

    [Fact]
    public void A_release_published_before_the_waiver_existed_still_deserialises_as_no_waiver()
    {
        var old = """{"courseId":"00000000-0000-0000-0000-000000000001","patientId":"00000000-0000-0000-0000-000000000002","holdId":"00000000-0000-0000-0000-000000000003","releasedAt":"2026-01-01T00:00:00+00:00"}""";

        var message = System.Text.Json.JsonSerializer.Deserialize<SafetyHoldReleased>(old, System.Text.Json.JsonSerializerOptions.Web)!;

        Assert.False(message.ReScreeningNotNeeded);
        Assert.Null(message.ReScreeningWaiverReason);
    }
}
