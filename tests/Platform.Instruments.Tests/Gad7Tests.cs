namespace Platform.Instruments.Tests;

public class Gad7Tests
{
    [Theory]
    [InlineData(0, "minimal")]
    [InlineData(4, "minimal")]
    [InlineData(5, "mild")]
    [InlineData(9, "mild")]
    [InlineData(10, "moderate")]
    [InlineData(14, "moderate")]
    [InlineData(15, "severe")]
    [InlineData(21, "severe")]
    public void Every_band_boundary(int total, string band)
    {
        var result = Items.ScoreOrFail(InstrumentCode.Gad7, Items.Totalling(total, 7, 3));

        Assert.Equal(total, result.Total);
        Assert.Equal(band, result.Band);
        Assert.Equal("70274-6", result.LoincCode);
    }
}
