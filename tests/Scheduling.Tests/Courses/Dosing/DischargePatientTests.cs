namespace Scheduling.Tests;

public class DischargePatientTests : DosingSessionSetUp
{
    [Fact]
    public void Discharge_is_refused_before_120_minutes_and_allowed_at_120()
    {
        var course = Monitored(DoseStartedAt(Prepared(), SessionId, Start), SessionId, Start);
        var discharge = new DischargePatient(SessionId, new VitalsReading(125, 80, 70, Start.AddMinutes(120)), true, true, MedicalId);

        Rejected(DischargePatient.Decide(discharge, course, At(Start.AddMinutes(119)), Protocol), RuleIds.DischargeTooEarly);
        var decision = DischargePatient.Decide(discharge, course, At(Start.AddMinutes(120)), Protocol);

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

        Rejected(DischargePatient.Decide(new DischargePatient(SessionId, vitals, false, true, MedicalId), course, At(at), Protocol), RuleIds.SedationUnresolved);
        Rejected(DischargePatient.Decide(new DischargePatient(SessionId, vitals, true, false, MedicalId), course, At(at), Protocol), RuleIds.DissociationUnresolved);
        Accepted(DischargePatient.Decide(new DischargePatient(SessionId, vitals, true, true, MedicalId), course, At(at), Protocol));
    }

    [Fact]
    public void Discharge_without_a_started_dose_is_refused()
    {
        var decision = DischargePatient.Decide(new DischargePatient(SessionId, new VitalsReading(125, 80, 70, Start), true, true, MedicalId), CheckedIn(), At(Start.AddHours(3)), Protocol);
        Rejected(decision, RuleIds.DoseNotStarted);
    }

    [Fact]
    public void Discharge_without_the_40_minute_vitals_is_refused()
    {
        var course = DoseStartedAt(Prepared(), SessionId, Start);
        var discharge = new DischargePatient(SessionId, new VitalsReading(125, 80, 70, Start.AddMinutes(130)), true, true, MedicalId);

        Rejected(DischargePatient.Decide(discharge, course, At(Start.AddMinutes(130)), Protocol), RuleIds.MonitoringVitalsMissing);
        Accepted(DischargePatient.Decide(discharge, Monitored(course, SessionId, Start), At(Start.AddMinutes(130)), Protocol));
    }

    [Fact]
    public void A_missing_dissociation_confirmation_is_a_field_error_not_false()
    {
        var vitals = new VitalsReading(120, 80, 70, Start);

        Assert.Contains("dissociationResolved", new DischargeRequest(vitals, true, null).Validate(Start).ToDictionary().Keys);
        Assert.False(new DischargeRequest(vitals, true, false).Validate(Start).Any);
    }
}
