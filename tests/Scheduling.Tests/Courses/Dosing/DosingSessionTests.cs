namespace Scheduling.Tests;

public class DosingSessionTests
{
    private static readonly Guid SessionId = Guid.NewGuid();
    private static readonly DateTimeOffset Start = Now.AddHours(1);

    private static TreatmentCourse Booked(TreatmentRoute route = TreatmentRoute.IvKetamine) => BookDosing(Prepared(route), SessionId, Start);

    private static TreatmentCourse CheckedIn(int systolic = 130, int diastolic = 85, bool fasting = true, bool ride = true, TreatmentCourse? course = null)
    {
        course ??= Booked();
        return Apply(course, RecordCheckIn.Decide(new RecordCheckIn(SessionId, new VitalsReading(systolic, diastolic, 72, Start), fasting, ride, MedicalId), course, Start, Protocol));
    }

    private static Platform.ServiceDefaults.Domain.Decision StartDose(TreatmentCourse course, DateTimeOffset? at = null) =>
        Scheduling.Api.Courses.StartDose.Decide(new Scheduling.Api.Courses.StartDose(SessionId, 35m, MedicalId), course, at ?? Start.AddMinutes(5), Protocol);

    [Theory]
    [InlineData(141, 80)]
    [InlineData(130, 91)]
    [InlineData(180, 110)]
    public void Blood_pressure_above_threshold_holds_the_dose_with_the_reason_recorded(int systolic, int diastolic)
    {
        var checkIn = RecordCheckIn.Decide(new RecordCheckIn(SessionId, new VitalsReading(systolic, diastolic, 72, Start), true, true, MedicalId), Booked(), Start, Protocol);

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
        var checkIn = RecordCheckIn.Decide(new RecordCheckIn(SessionId, new VitalsReading(systolic, diastolic, 72, Start), true, true, MedicalId), Booked(), Start, Protocol);
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

    [Fact]
    public void Discharge_is_refused_before_120_minutes_and_allowed_at_120()
    {
        var course = Monitored(DoseStartedAt(Prepared(), SessionId, Start), SessionId, Start);
        var discharge = new DischargePatient(SessionId, new VitalsReading(125, 80, 70, Start.AddMinutes(120)), true, true, MedicalId);

        Rejected(DischargePatient.Decide(discharge, course, Start.AddMinutes(119), Protocol), RuleIds.DischargeTooEarly);
        var decision = DischargePatient.Decide(discharge, course, Start.AddMinutes(120), Protocol);

        Assert.IsType<PatientDischarged>(decision.Events[0]);
        var concluded = Assert.IsType<DosingSessionConcluded>(decision.Events[1]);
        Assert.Equal(1, concluded.DosingNumber);
        Assert.Equal(Start, concluded.DoseStartedAt);
        Assert.Equal(120, concluded.PreDose.Systolic);
        Assert.Null(concluded.RemsMonitoringDueAt);
        Assert.Equal(SessionStatus.Completed, Apply(course, decision).FindSession(SessionId)!.Status);
    }

    [Fact]
    public void Discharge_is_refused_while_sedation_or_dissociation_is_unresolved()
    {
        var course = Monitored(DoseStartedAt(Prepared(), SessionId, Start), SessionId, Start);
        var vitals = new VitalsReading(125, 80, 70, Start.AddMinutes(150));
        var at = Start.AddMinutes(150);

        Rejected(DischargePatient.Decide(new DischargePatient(SessionId, vitals, false, true, MedicalId), course, at, Protocol), RuleIds.SedationUnresolved);
        Rejected(DischargePatient.Decide(new DischargePatient(SessionId, vitals, true, false, MedicalId), course, at, Protocol), RuleIds.DissociationUnresolved);
        Accepted(DischargePatient.Decide(new DischargePatient(SessionId, vitals, true, true, MedicalId), course, at, Protocol));
    }

    [Fact]
    public void Discharge_without_a_started_dose_is_refused()
    {
        var decision = DischargePatient.Decide(new DischargePatient(SessionId, new VitalsReading(125, 80, 70, Start), true, true, MedicalId), CheckedIn(), Start.AddHours(3), Protocol);
        Rejected(decision, RuleIds.DoseNotStarted);
    }

    [Fact]
    public void Forty_minute_vitals_flag_a_blood_pressure_rise_over_pre_dose()
    {
        var course = DoseStartedAt(Prepared(), SessionId, Start);
        var rise = RecordMonitoringVitals.Decide(new RecordMonitoringVitals(SessionId, new VitalsReading(160, 85, 80, Start.AddMinutes(40)), MedicalId), course, Start.AddMinutes(41), Protocol);
        var calm = RecordMonitoringVitals.Decide(new RecordMonitoringVitals(SessionId, new VitalsReading(135, 85, 80, Start.AddMinutes(40)), MedicalId), course, Start.AddMinutes(41), Protocol);

        var flagged = Assert.IsType<MonitoringVitalsRecorded>(Assert.Single(rise.Events));
        Assert.True(flagged.BloodPressureRiseOverPreDose);
        Assert.Equal(40, flagged.MinutesAfterDose);
        Assert.False(Assert.IsType<MonitoringVitalsRecorded>(Assert.Single(calm.Events)).BloodPressureRiseOverPreDose);
    }

    [Fact]
    public void Cadss_total_is_computed_and_carried_into_the_dosing_summary()
    {
        var course = Monitored(DoseStartedAt(Prepared(), SessionId, Start), SessionId, Start);
        course = Apply(course, RecordCadss.Decide(new RecordCadss(SessionId, [1, 2, 0, 3, 1, 0], MedicalId), course, Start.AddMinutes(30), Protocol));
        var decision = DischargePatient.Decide(new DischargePatient(SessionId, new VitalsReading(125, 80, 70, Start.AddHours(2)), true, true, MedicalId), course, Start.AddHours(2), Protocol);

        Assert.Equal(7, Assert.IsType<DosingSessionConcluded>(decision.Events[1]).CadssScore);
    }

    [Fact]
    public void Esketamine_sessions_owe_a_rems_monitoring_record_after_7_days()
    {
        var course = Monitored(DoseStartedAt(Prepared(TreatmentRoute.EsketamineNasalSpray), SessionId, Start), SessionId, Start);
        var discharged = Start.AddHours(2);
        course = Apply(course, DischargePatient.Decide(new DischargePatient(SessionId, new VitalsReading(125, 80, 70, discharged), true, true, MedicalId), course, discharged, Protocol));

        Assert.Empty(course.RemsOverdue(discharged.AddDays(7)));
        Assert.Single(course.RemsOverdue(discharged.AddDays(7).AddMinutes(1)));

        course = Apply(course, RecordRemsMonitoring.Decide(new RecordRemsMonitoring(SessionId, MedicalId), course, discharged.AddDays(8), Protocol));
        Assert.Empty(course.RemsOverdue(discharged.AddDays(9)));
    }

    [Fact]
    public void Rems_record_is_refused_for_other_routes()
    {
        var course = DoseStartedAt(Prepared(), SessionId, Start);
        Rejected(RecordRemsMonitoring.Decide(new RecordRemsMonitoring(SessionId, MedicalId), course, Start.AddHours(3), Protocol), RuleIds.RemsNotApplicable);
    }

    [Fact]
    public void Discharge_without_the_40_minute_vitals_is_refused()
    {
        var course = DoseStartedAt(Prepared(), SessionId, Start);
        var discharge = new DischargePatient(SessionId, new VitalsReading(125, 80, 70, Start.AddMinutes(130)), true, true, MedicalId);

        Rejected(DischargePatient.Decide(discharge, course, Start.AddMinutes(130), Protocol), RuleIds.MonitoringVitalsMissing);
        Accepted(DischargePatient.Decide(discharge, Monitored(course, SessionId, Start), Start.AddMinutes(130), Protocol));
    }

    [Fact]
    public void Check_in_is_refused_outside_its_window_around_the_session()
    {
        RecordCheckIn CheckIn(DateTimeOffset takenAt) => new(SessionId, new VitalsReading(120, 80, 70, takenAt), true, true, MedicalId);
        var opens = Start.AddMinutes(-Protocol.CheckInOpensMinutesBeforeStart);

        Rejected(RecordCheckIn.Decide(CheckIn(opens.AddMinutes(-1)), Booked(), opens.AddMinutes(-1), Protocol), RuleIds.CheckInOutsideWindow);
        Accepted(RecordCheckIn.Decide(CheckIn(opens), Booked(), opens, Protocol));
        Accepted(RecordCheckIn.Decide(CheckIn(Start.AddHours(2)), Booked(), Start.AddHours(2), Protocol));
        Rejected(RecordCheckIn.Decide(CheckIn(Start.AddHours(2)), Booked(), Start.AddHours(2).AddMinutes(1), Protocol), RuleIds.CheckInOutsideWindow);
    }

    [Fact]
    public void A_pre_dose_reading_older_than_the_protocol_window_is_refused()
    {
        var maxAge = TimeSpan.FromMinutes(Protocol.PreDoseVitalsMaxAgeMinutes);
        RecordCheckIn CheckIn(DateTimeOffset takenAt) => new(SessionId, new VitalsReading(120, 80, 70, takenAt), true, true, MedicalId);

        Rejected(RecordCheckIn.Decide(CheckIn(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero)), Booked(), Start, Protocol), RuleIds.PreDoseVitalsStale);
        Rejected(RecordCheckIn.Decide(CheckIn(Start - maxAge - TimeSpan.FromMinutes(1)), Booked(), Start, Protocol), RuleIds.PreDoseVitalsStale);
        Accepted(RecordCheckIn.Decide(CheckIn(Start - maxAge), Booked(), Start, Protocol));
    }

    [Fact]
    public void Missing_clinical_confirmations_are_field_errors_not_false()
    {
        var vitals = new VitalsReading(120, 80, 70, Start);
        var checkIn = new CheckInRequest(vitals, null, true).Validate(Start).ToDictionary();
        var discharge = new DischargeRequest(vitals, true, null).Validate(Start).ToDictionary();

        Assert.Contains("fastingConfirmed", checkIn.Keys);
        Assert.Contains("dissociationResolved", discharge.Keys);
        Assert.False(new CheckInRequest(vitals, false, false).Validate(Start).Any);
    }
}
