namespace Platform.Instruments.Tests;

public class ValidationTests
{
    public static TheoryData<InstrumentCode, int> Counts => new()
    {
        { InstrumentCode.Phq9, 9 },
        { InstrumentCode.Gad7, 7 },
        { InstrumentCode.Pcl5, 20 },
        { InstrumentCode.CssrsScreener, 6 },
        { InstrumentCode.Madrs, 10 },
        { InstrumentCode.QidsSr16, 16 },
        { InstrumentCode.Cadss6, 6 },
    };

    [Theory]
    [MemberData(nameof(Counts))]
    public void Too_few_and_too_many_items_are_rejected(InstrumentCode code, int count)
    {
        var name = InstrumentCatalog.Get(code).Name;

        var tooFew = InstrumentScorer.Score(code, new int[count - 1]);
        var tooMany = InstrumentScorer.Score(code, new int[count + 1]);

        var error = Assert.Single(tooFew.Errors);
        Assert.Equal("items", error.Field);
        Assert.Equal($"{name} needs {count} items, got {count - 1}", error.Message);
        Assert.False(tooMany.IsValid);
        Assert.True(InstrumentScorer.Score(code, new int[count]).IsValid);
    }

    [Fact]
    public void Missing_items_are_rejected() =>
        Assert.Equal("items", Assert.Single(InstrumentScorer.Score(InstrumentCode.Phq9, null).Errors).Field);

    [Fact]
    public void Every_out_of_range_item_is_named()
    {
        var outcome = InstrumentScorer.Score(InstrumentCode.Phq9, [0, 0, 0, 4, 0, -1, 0, 0, 0]);

        Assert.Null(outcome.Result);
        Assert.Equal(["items[3]", "items[5]"], outcome.Errors.Select(e => e.Field));
        Assert.All(outcome.Errors, e => Assert.Equal("must be between 0 and 3", e.Message));
    }

    [Fact]
    public void Catalog_finds_instruments_by_display_or_enum_name()
    {
        Assert.True(InstrumentCatalog.TryFind("phq-9", out var byName));
        Assert.Equal(InstrumentCode.Phq9, byName.Code);
        Assert.True(InstrumentCatalog.TryFind("QidsSr16", out var byCode));
        Assert.Equal(InstrumentCode.QidsSr16, byCode.Code);
        Assert.False(InstrumentCatalog.TryFind("BDI-II", out _));
    }

    [Fact]
    public void Result_keeps_a_copy_of_the_items()
    {
        int[] items = [1, 1, 1, 1, 1, 1, 1, 1, 1];
        var result = Items.ScoreOrFail(InstrumentCode.Phq9, items);
        items[0] = 3;

        Assert.Equal(1, result.Items[0]);
    }
}
