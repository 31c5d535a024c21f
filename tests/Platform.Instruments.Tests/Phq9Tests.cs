namespace Platform.Instruments.Tests;

public class Phq9Tests
{
    [Theory]
    [InlineData(0, "minimal")]
    [InlineData(4, "minimal")]
    [InlineData(5, "mild")]
    [InlineData(9, "mild")]
    [InlineData(10, "moderate")]
    [InlineData(14, "moderate")]
    [InlineData(15, "moderately severe")]
    [InlineData(19, "moderately severe")]
    [InlineData(20, "severe")]
    [InlineData(27, "severe")]
    public void Every_band_boundary(int total, string band)
    {
        var result = Items.ScoreOrFail(InstrumentCode.Phq9, Items.Totalling(total, 9, 3));

        Assert.Equal(total, result.Total);
        Assert.Equal(band, result.Band);
    }

    [Fact]
    public void Worked_example_carries_loinc_codes()
    {
        var result = Items.ScoreOrFail(InstrumentCode.Phq9, [1, 2, 0, 3, 1, 1, 2, 0, 1]);

        Assert.Equal(11, result.Total);
        Assert.Equal("moderate", result.Band);
        Assert.Equal("44261-6", result.LoincCode);
        Assert.Equal("44249-1", result.LoincPanelCode);
        Assert.Null(result.RiskLevel);
    }
}
