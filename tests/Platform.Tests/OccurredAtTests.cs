using Microsoft.AspNetCore.Http;
using Platform.Commands;

namespace Platform.Tests;

public class OccurredAtTests
{
    private static readonly ClinicClock Clock = new(TimeProvider.System, ClinicalProtocol.Default);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("yesterday")]
    [InlineData("2026-11-01T10:00:00")]
    public void A_sent_header_that_is_not_an_instant_with_an_offset_is_an_error_even_when_empty(string value)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers[OccurredAt.Header] = value;

        var errors = OccurredAt.Check(http.Request, Clock, new FieldErrors());

        Assert.True(errors.Any, $"'{value}' was accepted as no header");
    }

    [Fact]
    public void No_header_is_no_error_and_the_clock_gives_now()
    {
        var http = new DefaultHttpContext();

        Assert.False(OccurredAt.Check(http.Request, Clock, new FieldErrors()).Any);
        Assert.Null(OccurredAt.Requested(http.Request));
    }
}
