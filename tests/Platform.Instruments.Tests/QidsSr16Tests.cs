namespace Platform.Instruments.Tests;

public class QidsSr16Tests
{
    [Fact]
    public void Total_counts_each_domain_once_taking_the_maximum()
    {
        // item:        1  2  3  4 | 5 | 6  7  8  9 |10 11 12 13 14|15 16
        int[] items = [1, 3, 2, 0, 2, 0, 1, 3, 2, 1, 1, 0, 2, 2, 1, 3];

        var result = Items.ScoreOrFail(InstrumentCode.QidsSr16, items);

        // sleep 3 + mood 2 + appetite/weight 3 + 1 + 1 + 0 + 2 + 2 + psychomotor 3 = 17
        Assert.Equal(17, result.Total);
        Assert.Equal("severe", result.Band);
    }

    [Fact]
    public void All_items_at_maximum_score_27_not_48()
    {
        var result = Items.ScoreOrFail(InstrumentCode.QidsSr16, Enumerable.Repeat(3, 16).ToArray());

        Assert.Equal(27, result.Total);
        Assert.Equal("very severe", result.Band);
    }

    [Theory]
    [InlineData(0, 2)] // item 1 inside the sleep domain
    [InlineData(3, 2)] // item 4 inside the sleep domain
    [InlineData(5, 2)] // item 6 inside the appetite/weight domain
    [InlineData(8, 2)] // item 9 inside the appetite/weight domain
    [InlineData(14, 2)] // item 15 inside the psychomotor domain
    [InlineData(15, 2)] // item 16 inside the psychomotor domain
    [InlineData(4, 2)] // item 5 is a domain of its own
    [InlineData(11, 2)] // item 12 is a domain of its own
    public void A_single_item_counts_once(int index, int answer)
    {
        var items = new int[16];
        items[index] = answer;

        Assert.Equal(answer, Items.ScoreOrFail(InstrumentCode.QidsSr16, items).Total);
    }

    [Fact]
    public void Two_items_in_one_domain_do_not_add_up()
    {
        var items = new int[16];
        items[5] = 2; // decreased appetite
        items[6] = 3; // increased appetite

        Assert.Equal(3, Items.ScoreOrFail(InstrumentCode.QidsSr16, items).Total);
    }

    [Theory]
    [InlineData(0, "none")]
    [InlineData(5, "none")]
    [InlineData(6, "mild")]
    [InlineData(10, "mild")]
    [InlineData(11, "moderate")]
    [InlineData(15, "moderate")]
    [InlineData(16, "severe")]
    [InlineData(20, "severe")]
    [InlineData(21, "very severe")]
    [InlineData(27, "very severe")]
    public void Every_band_boundary(int total, string band) => Assert.Equal(band, QidsSr16.Band(total));
}
