namespace Scheduling.Tests;

public class RecordCadssTests : DosingSessionSetUp
{
    [Fact]
    public void Cadss_total_is_computed_and_carried_into_the_dosing_summary()
    {
        var course = Monitored(DoseStartedAt(Prepared(), SessionId, Start), SessionId, Start);
        course = Apply(course, RecordCadss.Decide(new RecordCadss(SessionId, [1, 2, 0, 3, 1, 0], MedicalId), course, At(Start.AddMinutes(30)), Protocol));
        var decision = DischargePatient.Decide(new DischargePatient(SessionId, new VitalsReading(125, 80, 70, Start.AddHours(2)), true, true, MedicalId), course, At(Start.AddHours(2)), Protocol);

        Assert.Equal(7, Assert.IsType<DosingSessionConcluded>(decision.Events[1]).CadssScore);
    }

    [Fact]
    public void Cadss_needs_six_answers_from_0_to_4()
    {
        Assert.True(new CadssRequest([1, 2, 3]).Validate().Any);
        Assert.Contains("items[2]", new CadssRequest([0, 0, 5, 0, 0, 0]).Validate().ToDictionary().Keys);
        Assert.False(new CadssRequest([4, 4, 4, 4, 4, 4]).Validate().Any);
    }
}
