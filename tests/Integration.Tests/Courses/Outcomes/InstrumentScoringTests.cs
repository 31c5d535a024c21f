using Platform.Instruments;

namespace Integration.Tests;

public class InstrumentScoringTests
{
    [Theory]
    [InlineData("PHQ-9")]
    [InlineData("phq9")]
    [InlineData("Phq9")]
    public void Phq9_is_scored_by_the_service(string name)
    {
        var (scored, errors) = InstrumentScoring.Score(name, [3, 3, 3, 3, 3, 2, 1, 1, 1]);

        Assert.False(errors.Any);
        Assert.Equal(20, scored!.Total);
        Assert.Equal("PHQ-9", scored.Instrument);
    }

    [Fact]
    public void Instrument_names_are_the_shared_instrument_code_vocabulary()
    {
        Assert.Equal(
            ["PHQ-9", "GAD-7", "PCL-5", "C-SSRS", "MADRS", "QIDS-SR16"],
            [InstrumentNames.Phq9, InstrumentNames.Gad7, InstrumentNames.Pcl5, InstrumentNames.Cssrs, InstrumentNames.Madrs, InstrumentNames.QidsSr16]);
        Assert.Equal("CADSS-6", InstrumentNames.NameOf(InstrumentCode.Cadss6));
        Assert.Equal("C-SSRS", InstrumentNames.Key("CssrsScreener"));
        Assert.Equal("PHQ-9", InstrumentNames.Key("Phq9"));
    }

    [Fact]
    public void Wrong_item_count_and_out_of_range_answers_are_field_errors()
    {
        Assert.Contains("items", InstrumentScoring.Score("PHQ-9", [1, 2]).Errors.ToDictionary().Keys);
        Assert.Contains("items[1]", InstrumentScoring.Score("PHQ-9", [0, 4, 0, 0, 0, 0, 0, 0, 0]).Errors.ToDictionary().Keys);
        Assert.Contains(InstrumentScoring.InstrumentField, InstrumentScoring.Score("BDI-II", [0]).Errors.ToDictionary().Keys);
    }

    [Fact]
    public void Scored_high_cssrs_places_a_hold_end_to_end_through_the_decider()
    {
        var (scored, errors) = InstrumentScoring.Score("C-SSRS", [1, 1, 0, 1, 0, 0]);
        Assert.False(errors.Any);
        Assert.True(scored!.IsHighSuicideRisk);

        var course = WithDoses(Open(), 1);
        var decision = Decide(
            new RecordOutcome(CourseId, Guid.NewGuid(), scored, FirstDose.AddDays(1), Clinician), course, At(FirstDose.AddDays(1)), Protocol, Clinic);

        Assert.Single(decision.Events.OfType<HoldPlaced>());
    }

    [Fact]
    public void Scored_low_cssrs_places_no_hold()
    {
        var (scored, _) = InstrumentScoring.Score("CssrsScreener", [1, 0, 0, 0, 0, 0]);

        Assert.False(scored!.IsHighSuicideRisk);
    }
}
