using Platform.Contracts;
using static Integration.Tests.CourseFixture;

namespace Integration.Tests;

public class CourseRecordTests
{
    [Fact]
    public void Opening_from_approval_keeps_baseline_and_both_protocol_versions()
    {
        var approved = new PatientApprovedForTreatment(
            CourseId, PatientId, Guid.NewGuid(), Indication.Ptsd, TreatmentRoute.KetamineAssistedPsychotherapy, [],
            [new InstrumentScore("PCL-5", 52, "probable PTSD", ApprovedAt.AddDays(-1))], 70m, ApprovedAt, ApprovedAt.AddDays(90), "screening-v3");

        var decision = Decide(OpenCourseOutcome.From(approved), null, At(ApprovedAt), Protocol, Clinic);

        var opened = Assert.IsType<CourseOutcomeOpened>(Assert.Single(decision.Events));
        Assert.Equal("screening-v3", opened.ScreeningProtocolVersion);
        Assert.Equal(Protocol.Version, opened.OutcomeProtocolVersion);
        Assert.Equal(52, Apply(null, decision).BaselineFor("Pcl5")!.Total);
    }

    [Fact]
    public void Opening_twice_appends_nothing()
    {
        var course = Open();
        var again = new OpenCourseOutcome(CourseId, PatientId, Indication.SevereAnxiety, TreatmentRoute.IvKetamine, [], ApprovedAt, "x");

        Assert.Empty(Decide(again, course, At(ApprovedAt), Protocol, Clinic).Events);
    }

    [Fact]
    public void Dosing_session_redelivered_is_recorded_once()
    {
        var course = Open();
        var dosing = Dosing(1);

        course = Apply(course, Decide(dosing, course, At(FirstDose), Protocol, Clinic));
        var replay = Decide(dosing, course, At(FirstDose.AddMinutes(5)), Protocol, Clinic);

        Assert.False(replay.IsRejected);
        Assert.Empty(replay.Events);
        Assert.Single(Apply(course, replay).DosingSessions);
    }

    [Fact]
    public void Dosing_session_from_a_redelivered_contract_message_is_recorded_once()
    {
        var message = new DosingSessionCompleted(
            CourseId, Guid.NewGuid(), 1, TreatmentRoute.IvKetamine, 35m, FirstDose, FirstDose.AddHours(2),
            new VitalsReading(120, 80, 70, FirstDose), null, new VitalsReading(122, 81, 70, FirstDose.AddHours(2)), null, Clinician, Clinician);
        var course = Open();

        course = Apply(course, Decide(RecordDosingSession.From(message), course, At(FirstDose), Protocol, Clinic));
        course = Apply(course, Decide(RecordDosingSession.From(message), course, At(FirstDose), Protocol, Clinic));

        Assert.Single(course.DosingSessions);
    }

    [Fact]
    public void Dosing_session_before_the_course_is_open_is_refused_so_the_consumer_retries()
    {
        var decision = Decide(Dosing(1), null, At(FirstDose), Protocol, Clinic);

        Assert.Equal(RuleIds.CourseNotOpen, decision.Rejection?.RuleId);
    }

    [Theory]
    [InlineData(160, 80, true)]
    [InlineData(159, 104, false)]
    [InlineData(121, 105, true)]
    public void Dosing_summary_flags_the_blood_pressure_rise_criterion(int peakSystolic, int peakDiastolic, bool flagged)
    {
        var dosing = Dosing(1) with { AtFortyMinutes = new VitalsReading(peakSystolic, peakDiastolic, 80, FirstDose.AddMinutes(40)) };

        var recorded = Assert.IsType<DosingSessionRecorded>(Decide(dosing, Open(), At(FirstDose), Protocol, Clinic).Events[0]);

        Assert.Equal(flagged, recorded.Vitals.BloodPressureRiseCriterionMet);
        Assert.Equal(Math.Max(peakSystolic, 125), recorded.Vitals.PeakSystolic); // discharge reading is 125
    }

    [Fact]
    public void Integration_session_links_to_a_recorded_dosing_session()
    {
        var course = WithDoses(Open(), 1);
        var dosingId = course.DosingSessions[0].SessionId;
        var session = new HoldIntegrationSession(CourseId, Guid.NewGuid(), dosingId, Clinician, FirstDose.AddDays(1), ["grief"], "notes");

        var decision = Decide(session, course, At(FirstDose.AddDays(1)), Protocol, Clinic);

        var held = Assert.IsType<IntegrationSessionHeld>(Assert.Single(decision.Events));
        Assert.Equal(dosingId, held.DosingSessionId);
        Assert.Empty(Decide(session, Apply(course, decision), At(FirstDose.AddDays(1)), Protocol, Clinic).Events);
    }

    [Fact]
    public void Integration_session_for_an_unknown_dosing_session_or_before_the_dose_is_refused()
    {
        var course = WithDoses(Open(), 1);
        var unknown = new HoldIntegrationSession(CourseId, Guid.NewGuid(), Guid.NewGuid(), Clinician, FirstDose.AddDays(1), [], null);
        var early = unknown with { DosingSessionId = course.DosingSessions[0].SessionId, HeldAt = FirstDose.AddHours(-1) };

        Assert.Equal(RuleIds.UnknownDosingSession, Decide(unknown, course, At(FirstDose), Protocol, Clinic).Rejection?.RuleId);
        Assert.Equal(RuleIds.IntegrationBeforeDosing, Decide(early, course, At(FirstDose), Protocol, Clinic).Rejection?.RuleId);
    }

    [Fact]
    public void Intentions_are_set_once_per_id_and_refused_before_the_course()
    {
        var course = Open();
        var intentions = new SetIntentions(CourseId, Guid.NewGuid(), 1, Clinician, FirstDose.AddHours(-1), "to meet my grief");

        course = Apply(course, Decide(intentions, course, At(FirstDose), Protocol, Clinic));

        Assert.Empty(Decide(intentions, course, At(FirstDose), Protocol, Clinic).Events);
        Assert.Equal(
            RuleIds.EventBeforeCourse,
            Decide(intentions with { IntentionsId = Guid.NewGuid(), SetAt = ApprovedAt.AddDays(-1) }, course, At(FirstDose), Protocol, Clinic).Rejection?.RuleId);
    }

    [Fact]
    public void Measurement_dated_before_the_course_is_refused()
    {
        var decision = Decide(Phq9(10, ApprovedAt.AddHours(-1)), Open(), At(FirstDose), Protocol, Clinic);

        Assert.Equal(RuleIds.EventBeforeCourse, decision.Rejection?.RuleId);
    }

    [Fact]
    public void Events_before_the_opening_event_leave_no_state()
    {
        Assert.Null(CourseOutcomeEvolution.Evolve(null, new PregnancyReported(CourseId, Guid.NewGuid(), ApprovedAt, Clinician, null)));
    }
}
