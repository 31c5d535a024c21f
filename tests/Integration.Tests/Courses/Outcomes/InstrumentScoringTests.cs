
namespace Integration.Tests;

public class InstrumentScoringTests
{
    [Fact]
    public void Phq9_is_scored_by_the_service()
    {
        var (scored, errors) = InstrumentScoring.Score(InstrumentCode.Phq9, [3, 3, 3, 3, 3, 2, 1, 1, 1]);

        Assert.False(errors.Any);
        Assert.Equal(20, scored!.Total);
        Assert.Equal(InstrumentCode.Phq9, scored.Instrument);
    }

    /// <summary>
    /// Stored events are never rewritten: outcomes stored under a name ("PHQ-9", or "Phq9" before the vocabulary was
    /// fixed) and Screening's baselines stored as numbers all read back as the code, and are written as the name.
    /// </summary>
    [Theory]
    [InlineData("\"PHQ-9\"")]
    [InlineData("\"Phq9\"")]
    [InlineData("\"phq-9\"")]
    [InlineData("0")]
    public void Stored_instrument_spellings_read_back_as_the_code(string stored)
    {
        var json = $$"""{"Instrument":{{stored}},"Total":20,"Band":"severe","AdministeredAt":"2026-01-05T09:00:00Z"}""";
        var baseline = System.Text.Json.JsonSerializer.Deserialize<BaselineScore>(json)!;
        Assert.Equal(InstrumentCode.Phq9, baseline.Instrument);
        Assert.Contains("\"Instrument\":\"PHQ-9\"", System.Text.Json.JsonSerializer.Serialize(baseline), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"PHQ 9\"")]
    [InlineData("\"Phq9, Gad7\"")]
    [InlineData("99")]
    public void An_unknown_stored_instrument_is_refused_not_guessed(string stored) =>
        Assert.Throws<System.Text.Json.JsonException>(() => System.Text.Json.JsonSerializer.Deserialize<BaselineScore>(
            $$"""{"Instrument":{{stored}},"Total":20,"Band":"severe","AdministeredAt":"2026-01-05T09:00:00Z"}"""));

    [Fact]
    public void Wrong_item_count_and_out_of_range_answers_are_field_errors()
    {
        Assert.Contains("items", InstrumentScoring.Score(InstrumentCode.Phq9, [1, 2]).Errors.ToDictionary().Keys);
        Assert.Contains("items[1]", InstrumentScoring.Score(InstrumentCode.Phq9, [0, 4, 0, 0, 0, 0, 0, 0, 0]).Errors.ToDictionary().Keys);
        Assert.Contains(InstrumentScoring.InstrumentField, InstrumentScoring.Score(null, [0]).Errors.ToDictionary().Keys);
    }

    [Fact]
    public void Scored_high_cssrs_places_a_hold_end_to_end_through_the_decider()
    {
        var (scored, errors) = InstrumentScoring.Score(InstrumentCode.CssrsScreener, [1, 1, 0, 1, 0, 0]);
        Assert.False(errors.Any);
        Assert.True(scored!.IsHighSuicideRisk);

        var course = WithDoses(Open(), 1);
        var decision = Decide(
            new RecordOutcome(CourseId, Guid.NewGuid(), scored, FirstDose.AddDays(1), Clinician), course, At(FirstDose.AddDays(1)), Protocol);

        Assert.Single(decision.Events.OfType<HoldPlaced>());
    }

    [Fact]
    public void Scored_low_cssrs_places_no_hold()
    {
        var (scored, _) = InstrumentScoring.Score(InstrumentCode.CssrsScreener, [1, 0, 0, 0, 0, 0]);

        Assert.False(scored!.IsHighSuicideRisk);
    }
}
