using Platform.Testing;

namespace Integration.Tests;

public class OpenCourseOutcomeTests
{
    [Fact]
    public void Opening_from_approval_keeps_baseline_and_both_protocol_versions()
    {
        var approved = ContractBuilders.Approval(
            CourseId, ApprovedAt, Indication.Ptsd, TreatmentRoute.KetamineAssistedPsychotherapy,
            [new InstrumentScore(InstrumentCode.Pcl5, 52, "probable PTSD", ApprovedAt.AddDays(-1))], patientId: PatientId, protocolVersion: "screening-v3");

        var decision = Decide(OpenCourseOutcome.From(PatientApprovedForTreatmentV2.From(approved)), null, At(ApprovedAt), Protocol);

        var opened = Assert.IsType<CourseOutcomeOpened>(Assert.Single(decision.Events));
        Assert.Equal("screening-v3", opened.ScreeningProtocolVersion);
        Assert.Equal(Protocol.Version, opened.OutcomeProtocolVersion);
        Assert.Equal(52, Apply(null, decision).BaselineFor(InstrumentCode.Pcl5)!.Total);
    }

    [Fact]
    public void Baseline_instruments_are_stored_under_the_shared_instrument_code()
    {
        var approved = ContractBuilders.Approval(
            CourseId, ApprovedAt, patientId: PatientId, protocolVersion: "screening-v3",
            baselineScores: [new InstrumentScore(InstrumentCode.Phq9, 20, "severe", ApprovedAt.AddDays(-1)), new InstrumentScore(InstrumentCode.CssrsScreener, 1, "low", ApprovedAt.AddDays(-1))]);

        var opened = Assert.IsType<CourseOutcomeOpened>(Assert.Single(OpenCourseOutcome.Decide(OpenCourseOutcome.From(PatientApprovedForTreatmentV2.From(approved)), null, At(ApprovedAt), Protocol).Events));

        Assert.Equal([InstrumentCode.Phq9, InstrumentCode.CssrsScreener], opened.BaselineScores.Select(b => b.Instrument));
    }

    [Fact]
    public void Opening_twice_appends_nothing()
    {
        var course = Open();
        var again = new OpenCourseOutcome(CourseId, PatientId, Indication.SevereAnxiety, TreatmentRoute.IvKetamine, [], ApprovedAt, "x");

        Assert.Empty(Decide(again, course, At(ApprovedAt), Protocol).Events);
    }
}
