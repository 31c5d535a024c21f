namespace Platform.Instruments.Tests;

public class Pcl5Tests
{
    [Theory]
    [InlineData(0, "below threshold")]
    [InlineData(32, "below threshold")]
    [InlineData(33, "probable PTSD")]
    [InlineData(80, "probable PTSD")]
    public void Probable_ptsd_from_33(int total, string band)
    {
        var result = Items.ScoreOrFail(InstrumentCode.Pcl5, Items.Totalling(total, 20, 4));

        Assert.Equal(total, result.Total);
        Assert.Equal(band, result.Band);
        Assert.Null(result.LoincCode);
    }
}
