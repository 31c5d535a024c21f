using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Platform.Tests;

public class ListRulesTests
{
    private sealed record Medication(string Name);

    private sealed record Body(IReadOnlyList<Medication> Medications, int[] Counts);

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver().WithAddedModifier(ListRules.Modifier),
    };

    [Fact]
    public void A_null_element_in_a_list_is_refused_naming_the_element()
    {
        var error = Assert.Throws<JsonException>(() =>
            JsonSerializer.Deserialize<Body>("""{"medications":[{"name":"a"},null],"counts":[1]}""", Options));

        Assert.Equal(SafeStringConverter.Rejection + "medications[1]" + ListRules.FieldSeparator + "must not be null", error.Message);
    }

    [Fact]
    public void Lists_without_null_and_lists_of_values_read_as_before()
    {
        var body = JsonSerializer.Deserialize<Body>("""{"medications":[{"name":"a"}],"counts":[0, 2]}""", Options)!;

        Assert.Equal("a", Assert.Single(body.Medications).Name);
        Assert.Equal([0, 2], body.Counts);
    }
}
