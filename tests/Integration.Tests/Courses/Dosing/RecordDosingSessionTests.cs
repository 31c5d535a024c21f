namespace Integration.Tests;

public class RecordDosingSessionTests
{
    [Fact]
    public void Dosing_session_redelivered_is_recorded_once()
    {
        var course = Open();
        var dosing = Dosing(1);

        course = Apply(course, Decide(dosing, course, At(FirstDose), Protocol));
        var replay = Decide(dosing, course, At(FirstDose.AddMinutes(5)), Protocol);

        Assert.False(replay.IsRejected);
        Assert.Empty(replay.Events);
        Assert.Single(Apply(course, replay).DosingSessions);
    }

    [Fact]
    public void Dosing_session_before_the_course_is_open_is_refused_so_the_consumer_keeps_it_for_the_opening()
    {
        var decision = Decide(Dosing(1), null, At(FirstDose), Protocol);

        Assert.Equal(RuleIds.CourseNotOpen, decision.Rejection?.RuleId);
    }

    [Theory]
    [InlineData(160, 80, true)]
    [InlineData(159, 104, false)]
    [InlineData(121, 105, true)]
    public void Dosing_summary_flags_the_blood_pressure_rise_criterion(int peakSystolic, int peakDiastolic, bool flagged)
    {
        var dosing = Dosing(1) with { AtFortyMinutes = new VitalsReading(peakSystolic, peakDiastolic, 80, FirstDose.AddMinutes(40)) };

        var recorded = Assert.IsType<DosingSessionRecorded>(Decide(dosing, Open(), At(FirstDose), Protocol).Events[0]);

        Assert.Equal(flagged, recorded.Vitals.BloodPressureRiseCriterionMet);
        Assert.Equal(Math.Max(peakSystolic, 125), recorded.Vitals.PeakSystolic); // discharge reading is 125
    }

    [Fact]
    public void A_blood_pressure_rise_over_the_threshold_is_recorded_as_an_adverse_event_once()
    {
        VitalsReading At40(int systolic, int diastolic) => new(systolic, diastolic, 80, FirstDose.AddMinutes(40));
        DosingSessionCompleted Session(Guid id, VitalsReading forty) => new(
            CourseId, id, 1, TreatmentRoute.IvKetamine, 35m, FirstDose, FirstDose.AddHours(2), new VitalsReading(120, 80, 70, FirstDose),
            forty, new VitalsReading(124, 82, 70, FirstDose.AddHours(2)), null, Clinician, Clinician);
        var course = Open();

        var calm = Decide(Session(Guid.NewGuid(), At40(150, 90)), course, At(FirstDose), Protocol);
        var risen = Session(Guid.NewGuid(), At40(165, 95));
        var decision = Decide(risen, course, At(FirstDose), Protocol);

        Assert.Empty(calm.Events.OfType<AdverseEventRecorded>());
        var adverse = Assert.Single(decision.Events.OfType<AdverseEventRecorded>());
        Assert.Equal(AdverseEventType.BloodPressureRise, adverse.Type);
        Assert.Equal(risen.SessionId, adverse.DosingSessionId);
        Assert.Equal(40, adverse.OnsetMinutesAfterDose);
        course = Apply(course, decision);
        Assert.Empty(Decide(risen, course, At(FirstDose), Protocol).Events);
        Assert.Single(course.AdverseEvents);
    }
}
