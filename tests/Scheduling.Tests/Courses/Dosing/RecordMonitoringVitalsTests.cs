namespace Scheduling.Tests;

public class RecordMonitoringVitalsTests : DosingSessionSetUp
{
    [Fact]
    public void Forty_minute_vitals_flag_a_blood_pressure_rise_over_pre_dose()
    {
        var course = DoseStartedAt(Prepared(), SessionId, Start);
        var rise = RecordMonitoringVitals.Decide(new RecordMonitoringVitals(SessionId, new VitalsReading(160, 85, 80, Start.AddMinutes(40)), MedicalId), course, At(Start.AddMinutes(41)), Protocol);
        var calm = RecordMonitoringVitals.Decide(new RecordMonitoringVitals(SessionId, new VitalsReading(135, 85, 80, Start.AddMinutes(40)), MedicalId), course, At(Start.AddMinutes(41)), Protocol);

        var flagged = Assert.IsType<MonitoringVitalsRecorded>(Assert.Single(rise.Events));
        Assert.True(flagged.BloodPressureRiseOverPreDose);
        Assert.Equal(40, flagged.MinutesAfterDose);
        Assert.False(Assert.IsType<MonitoringVitalsRecorded>(Assert.Single(calm.Events)).BloodPressureRiseOverPreDose);
    }
}
