using Platform.Fhir;

namespace Platform.Tests;

public sealed class FhirDateParameterTests
{
    private static FhirDateParameter Parse(string value)
    {
        Assert.True(FhirDateParameter.TryParse(value, out var parameter, out var error), error);
        return parameter!;
    }

    private static DateTimeOffset Utc(int year, int month, int day, int hour = 0) => new(year, month, day, hour, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_value_without_a_prefix_is_eq_and_matches_its_precision()
    {
        Assert.Equal(new FhirDateParameter(Utc(1985, 1, 1), Utc(1986, 1, 1)), Parse("1985"));
        Assert.Equal(new FhirDateParameter(Utc(1985, 6, 1), Utc(1985, 7, 1)), Parse("eq1985-06"));
        Assert.Equal(new FhirDateParameter(Utc(1985, 6, 1), Utc(1985, 6, 2)), Parse("1985-06-01"));
    }

    [Fact]
    public void Prefixes_open_one_end_of_the_range()
    {
        Assert.Equal(new FhirDateParameter(Utc(1985, 6, 1), null), Parse("ge1985-06-01"));
        Assert.Equal(new FhirDateParameter(Utc(1985, 6, 2), null), Parse("gt1985-06-01"));
        Assert.Equal(new FhirDateParameter(null, Utc(1985, 6, 2)), Parse("le1985-06-01"));
        Assert.Equal(new FhirDateParameter(null, Utc(1985, 6, 1)), Parse("lt1985-06-01"));
    }

    [Fact]
    public void A_date_time_keeps_its_zone_and_second_precision()
    {
        var parameter = Parse("ge2026-12-01T10:00:00+01:00");

        Assert.Equal(Utc(2026, 12, 1, 9), parameter.From);
        Assert.True(parameter.Matches(Utc(2026, 12, 1, 9)));
        Assert.False(parameter.Matches(Utc(2026, 12, 1, 8)));
    }

    [Fact]
    public void Days_of_a_range_are_those_it_overlaps()
    {
        var parameter = Parse("1985-06");

        Assert.Equal(new DateOnly(1985, 6, 1), parameter.FirstDay);
        Assert.Equal(new DateOnly(1985, 6, 30), parameter.LastDay);
        Assert.Equal(new DateOnly(1985, 6, 2), Parse("gt1985-06-01").FirstDay);
        Assert.Null(Parse("gt1985-06-01").LastDay);
    }

    [Theory]
    [InlineData("ne1985-06-01", "prefix 'ne'")]
    [InlineData("sa1985", "prefix 'sa'")]
    [InlineData("1985-13", "not a FHIR date")]
    [InlineData("yesterday", "prefix 'ye'")]
    [InlineData("85-06-01", "not a FHIR date")]
    public void Unsupported_prefixes_and_values_that_are_not_dates_are_refused(string value, string message)
    {
        Assert.False(FhirDateParameter.TryParse(value, out var parameter, out var error));
        Assert.Null(parameter);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}
