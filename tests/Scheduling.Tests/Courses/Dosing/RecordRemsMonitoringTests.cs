namespace Scheduling.Tests;

public class RecordRemsMonitoringTests : DosingSessionSetUp
{
    [Fact]
    public void Esketamine_sessions_owe_a_rems_monitoring_record_after_7_days()
    {
        var course = Monitored(DoseStartedAt(Prepared(TreatmentRoute.EsketamineNasalSpray), SessionId, Start), SessionId, Start);
        var discharged = Start.AddHours(2);
        course = Apply(course, DischargePatient.Decide(new DischargePatient(SessionId, new VitalsReading(125, 80, 70, discharged), true, true, MedicalId), course, At(discharged), Protocol));

        Assert.Empty(course.RemsOverdue(discharged.AddDays(7)));
        Assert.Single(course.RemsOverdue(discharged.AddDays(7).AddMinutes(1)));

        course = Apply(course, RecordRemsMonitoring.Decide(new RecordRemsMonitoring(SessionId, MedicalId), course, At(discharged.AddDays(8)), Protocol));
        Assert.Empty(course.RemsOverdue(discharged.AddDays(9)));
    }

    [Fact]
    public void Rems_record_is_refused_for_other_routes()
    {
        var course = DoseStartedAt(Prepared(), SessionId, Start);
        Rejected(RecordRemsMonitoring.Decide(new RecordRemsMonitoring(SessionId, MedicalId), course, At(Start.AddHours(3)), Protocol), RuleIds.RemsNotApplicable);
    }
}
