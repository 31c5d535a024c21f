namespace Platform.Instruments.Tests;

public class MadrsTests
{
    [Theory]
    [InlineData(0, "normal")]
    [InlineData(6, "normal")]
    [InlineData(7, "mild")]
    [InlineData(19, "mild")]
    [InlineData(20, "moderate")]
    [InlineData(34, "moderate")]
    [InlineData(35, "severe")]
    [InlineData(60, "severe")]
    public void Every_band_boundary(int total, string band)
    {
        var result = Items.ScoreOrFail(InstrumentCode.Madrs, Items.Totalling(total, 10, 6));

        Assert.Equal(total, result.Total);
        Assert.Equal(band, result.Band);
    }

    [Fact]
    public void Items_range_up_to_6()
    {
        var outcome = InstrumentScorer.Score(InstrumentCode.Madrs, [6, 6, 6, 6, 6, 6, 6, 6, 6, 7]);

        Assert.Contains(outcome.Errors, e => e.Field == "items[9]" && e.Message == "must be between 0 and 6");
    }
}
