namespace Platform.Instruments.Tests;

public class Phq9Tests
{
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
