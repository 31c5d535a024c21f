namespace Platform.Instruments.Tests;

/// <summary>Every band boundary of the summed instruments, from answers that add up to the total.</summary>
public class BandBoundaryTests
{
    [Theory]
    [InlineData(InstrumentCode.Phq9, 0, "minimal")]
    [InlineData(InstrumentCode.Phq9, 4, "minimal")]
    [InlineData(InstrumentCode.Phq9, 5, "mild")]
    [InlineData(InstrumentCode.Phq9, 9, "mild")]
    [InlineData(InstrumentCode.Phq9, 10, "moderate")]
    [InlineData(InstrumentCode.Phq9, 14, "moderate")]
    [InlineData(InstrumentCode.Phq9, 15, "moderately severe")]
    [InlineData(InstrumentCode.Phq9, 19, "moderately severe")]
    [InlineData(InstrumentCode.Phq9, 20, "severe")]
    [InlineData(InstrumentCode.Phq9, 27, "severe")]
    [InlineData(InstrumentCode.Gad7, 0, "minimal")]
    [InlineData(InstrumentCode.Gad7, 4, "minimal")]
    [InlineData(InstrumentCode.Gad7, 5, "mild")]
    [InlineData(InstrumentCode.Gad7, 9, "mild")]
    [InlineData(InstrumentCode.Gad7, 10, "moderate")]
    [InlineData(InstrumentCode.Gad7, 14, "moderate")]
    [InlineData(InstrumentCode.Gad7, 15, "severe")]
    [InlineData(InstrumentCode.Gad7, 21, "severe")]
    [InlineData(InstrumentCode.Madrs, 0, "normal")]
    [InlineData(InstrumentCode.Madrs, 6, "normal")]
    [InlineData(InstrumentCode.Madrs, 7, "mild")]
    [InlineData(InstrumentCode.Madrs, 19, "mild")]
    [InlineData(InstrumentCode.Madrs, 20, "moderate")]
    [InlineData(InstrumentCode.Madrs, 34, "moderate")]
    [InlineData(InstrumentCode.Madrs, 35, "severe")]
    [InlineData(InstrumentCode.Madrs, 60, "severe")]
    [InlineData(InstrumentCode.Pcl5, 0, "below threshold")]
    [InlineData(InstrumentCode.Pcl5, 32, "below threshold")]
    [InlineData(InstrumentCode.Pcl5, 33, "probable PTSD")]
    [InlineData(InstrumentCode.Pcl5, 80, "probable PTSD")]
    public void Every_band_boundary(InstrumentCode code, int total, string band)
    {
        var definition = InstrumentCatalog.Get(code);

        var result = Items.ScoreOrFail(code, Items.Totalling(total, definition.ItemCount, definition.MaxAnswer));

        Assert.Equal(total, result.Total);
        Assert.Equal(band, result.Band);
        Assert.Equal(definition.LoincTotalCode, result.LoincCode);
    }
}

public class VocabularyTests
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new() {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>The catalog's names, the JSON of requests and events, the contracts and the analyst tables agree.</summary>
    [Fact]
    public void Every_instrument_name_is_its_serialised_code()
    {
        foreach (var definition in InstrumentCatalog.All)
        {
            var json = System.Text.Json.JsonSerializer.Serialize(definition.Code, Json);
            Assert.Equal($"\"{definition.Name}\"", json);
        }
    }
}
