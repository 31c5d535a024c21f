namespace Platform.Instruments.Tests;

public class MadrsTests
{
    [Fact]
    public void Items_range_up_to_6()
    {
        var outcome = InstrumentScorer.Score(InstrumentCode.Madrs, [6, 6, 6, 6, 6, 6, 6, 6, 6, 7]);

        Assert.Contains(outcome.Errors, e => e.Field == "items[9]" && e.Message == "must be between 0 and 6");
    }
}
