using System.Text.Json;

namespace Platform.Tests;

public class SafeStringConverterTests
{
    private sealed record Body(string Name, string? Note);

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new SafeStringConverter() } };

    [Fact]
    public void A_nul_character_is_refused_naming_the_field()
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Body>("""{"name":"Ann\u0000Lee"}""", Options));

        Assert.Equal("$.name", error.Path);
        Assert.StartsWith(SafeStringConverter.Rejection + "must not contain a NUL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_oversized_string_is_refused()
    {
        var json = JsonSerializer.Serialize(new { name = "x", note = new string('a', SafeStringConverter.MaxLength + 1) });

        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Body>(json, Options));

        Assert.Equal("$.note", error.Path);
    }

    [Fact]
    public void Ordinary_strings_and_nulls_pass() =>
        Assert.Equal(new Body("Ann Lee", null), JsonSerializer.Deserialize<Body>("""{"name":"Ann Lee","note":null}""", Options));
}
