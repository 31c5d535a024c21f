namespace Platform.Instruments.Tests;

public class Cadss6Tests
{
    [Fact]
    public void Sums_six_items_and_is_not_banded()
    {
        var result = Items.ScoreOrFail(InstrumentCode.Cadss6, [4, 4, 4, 4, 4, 4]);

        Assert.Equal(24, result.Total);
        Assert.Equal(Cadss6.UnbandedLabel, result.Band);
    }

    [Fact]
    public void Rejects_answer_above_4() =>
        Assert.Contains(
            InstrumentScorer.Score(InstrumentCode.Cadss6, [0, 0, 5, 0, 0, 0]).Errors,
            e => e.Field == "items[2]");
}
