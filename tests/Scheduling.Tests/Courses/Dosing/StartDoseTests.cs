namespace Scheduling.Tests;

public class StartDoseTests : DosingSessionSetUp
{
    [Theory]
    [InlineData(141, 80)]
    [InlineData(130, 91)]
    [InlineData(180, 110)]
    public void Blood_pressure_above_threshold_holds_the_dose_with_the_reason_recorded(int systolic, int diastolic)
    {
        var checkIn = RecordCheckIn.Decide(new RecordCheckIn(SessionId, new VitalsReading(systolic, diastolic, 72, Start), true, true, MedicalId), Booked(), At(Start), Protocol);

        var held = Assert.IsType<DoseHeld>(checkIn.Events[1]);
        Assert.Contains(RuleIds.BloodPressureAboveThreshold, held.RuleIds);
        Assert.Contains($"{systolic}/{diastolic}", held.Reason);
        Rejected(StartDose(CheckedIn(systolic, diastolic)), RuleIds.BloodPressureAboveThreshold);
        Assert.Equal(held.Reason, Apply(Booked(), checkIn).FindSession(SessionId)!.Dosing!.HoldReason);
    }

    [Theory]
    [InlineData(140, 90)]
    [InlineData(118, 76)]
    public void Blood_pressure_at_or_below_threshold_allows_the_dose(int systolic, int diastolic)
    {
        var checkIn = RecordCheckIn.Decide(new RecordCheckIn(SessionId, new VitalsReading(systolic, diastolic, 72, Start), true, true, MedicalId), Booked(), At(Start), Protocol);
        Assert.Single(checkIn.Events);

        var started = Assert.IsType<DoseStarted>(Assert.Single(StartDose(CheckedIn(systolic, diastolic)).Events));
        Assert.Equal(35m, started.DoseMg);
    }

    [Fact]
    public void A_recheck_below_threshold_releases_a_blood_pressure_hold()
    {
        var high = CheckedIn(150, 95);
        var recheck = CheckedIn(135, 85, course: high);

        Accepted(StartDose(recheck));
    }

    [Fact]
    public void Fasting_and_ride_home_are_gates()
    {
        Rejected(StartDose(CheckedIn(fasting: false)), RuleIds.FastingNotConfirmed);
        Rejected(StartDose(CheckedIn(ride: false)), RuleIds.RideHomeNotConfirmed);
        Accepted(StartDose(CheckedIn()));
    }

    [Fact]
    public void Dose_needs_a_fresh_check_in()
    {
        Rejected(StartDose(Booked()), RuleIds.CheckInMissing);
        Rejected(StartDose(CheckedIn(), Start.AddMinutes(61)), RuleIds.CheckInStale);
        Accepted(StartDose(CheckedIn(), Start.AddMinutes(60)));
    }

    [Fact]
    public void Safety_hold_blocks_the_dose()
    {
        var held = Apply(CheckedIn(), new SafetyHoldApplied(CourseId, Guid.NewGuid(), "pregnancy", Start, Start));
        Rejected(StartDose(held), RuleIds.SafetyHold);
    }

    [Fact]
    public void Dose_needs_preparation_actually_held()
    {
        // Dosing booked ahead of two preparation sessions that have not happened yet.
        var course = Matched();
        course = Apply(course,
            new SessionBooked(CourseId, Guid.NewGuid(), SessionKind.Preparation, Now.AddDays(-3), Now.AddDays(-3).AddHours(1), TherapistId, null, null, null, "v", Now.AddDays(-5)),
            new SessionBooked(CourseId, Guid.NewGuid(), SessionKind.Preparation, Now.AddDays(-2), Now.AddDays(-2).AddHours(1), TherapistId, null, null, null, "v", Now.AddDays(-5)));
        course = CheckedIn(course: BookDosing(course, SessionId, Start));

        Rejected(StartDose(course), RuleIds.PreparationIncomplete);
    }

    [Fact]
    public void Approval_expiry_blocks_the_first_dose()
    {
        var course = CheckedIn(course: BookDosing(Prepared(validUntil: Start), SessionId, Start));
        Rejected(StartDose(course, Start.AddMinutes(1)), RuleIds.ApprovalExpired);
    }

    [Theory]
    [InlineData(TreatmentRoute.IvKetamine, 0, false)]
    [InlineData(TreatmentRoute.IvKetamine, -5, false)]
    [InlineData(TreatmentRoute.IvKetamine, 35, true)]
    [InlineData(TreatmentRoute.IvKetamine, 350, false)]
    [InlineData(TreatmentRoute.EsketamineNasalSpray, 56, true)]
    [InlineData(TreatmentRoute.EsketamineNasalSpray, 50, false)]
    [InlineData(TreatmentRoute.EsketamineNasalSpray, 112, false)]
    public void Dose_must_be_positive_and_sane_for_the_route(TreatmentRoute route, int mg, bool valid) =>
        Assert.Equal(!valid, new StartDoseRequest(mg).Validate(route, Protocol).Any);
}
