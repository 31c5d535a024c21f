using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Platform.Contracts;

namespace Platform.Tests;

/// <summary>What a client learns from a body or query value the service could not read: the field, plain words, a rule id.</summary>
public class StrictJsonTests
{
    private enum Severity
    {
        Mild,
        Severe,
    }

    private sealed record Body(Severity? Severity = null, DateTimeOffset? OccurredAt = null, DateOnly? BirthDate = null, int? Onset = null, Inner? Patient = null);

    private sealed record Inner(string Name);

    private static readonly JsonSerializerOptions Options = Strict();

    private static JsonSerializerOptions Strict()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        StrictJson.Configure(options);
        return options;
    }

    private static ValidationProblemDetails Problem(string json)
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Body>(json, Options));
        return PlatformExceptionHandler.BadJson(error, typeof(Body));
    }

    private static void AssertNamed(ValidationProblemDetails problem, string field, string ruleId, string? words = null)
    {
        Assert.Equal(StatusCodes.Status400BadRequest, problem.Status);
        Assert.Equal(ruleId, problem.Extensions[Problems.RuleIdKey]);
        Assert.True(problem.Errors.ContainsKey(field), "errors: " + JsonSerializer.Serialize(problem.Errors));
        var message = Assert.Single(problem.Errors[field]);
        if (words is not null)
        {
            Assert.True(message.Contains(words, StringComparison.Ordinal), message);
        }

        var all = JsonSerializer.Serialize(problem);
        foreach (var typeName in new[] { "Nullable", "System.", "DateTimeOffset", "Platform.", "`1" })
        {
            Assert.DoesNotContain(typeName, all, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_unknown_property_is_a_400_naming_it() =>
        AssertNamed(Problem("""{"severty":"Severe"}"""), "severty", InputRules.UnknownField, "is not a field");

    [Fact]
    public void An_unknown_nested_property_is_named_with_its_path() =>
        AssertNamed(Problem("""{"patient":{"name":"A","nmae":"B"}}"""), "patient.nmae", InputRules.UnknownField);

    [Fact]
    public void A_date_that_is_not_a_date_says_what_a_date_looks_like() =>
        AssertNamed(Problem("""{"occurredAt":"yesterday"}"""), "occurredAt", InputRules.InvalidValue, "date and time");

    [Theory]
    [InlineData("""{"occurredAt":"0001-01-01T00:00:00Z"}""", "occurredAt")]
    [InlineData("""{"occurredAt":"9999-12-31T23:59:59Z"}""", "occurredAt")]
    [InlineData("""{"birthDate":"0001-01-01"}""", "birthDate")]
    [InlineData("""{"birthDate":"9999-12-31"}""", "birthDate")]
    public void A_date_out_of_range_says_so(string json, string field) =>
        AssertNamed(Problem(json), field, InputRules.OutOfRange, "between 1800-01-01 and 2199-12-31");

    [Fact]
    public void An_unknown_enum_value_lists_the_allowed_names() =>
        AssertNamed(Problem("""{"severity":"Catastrophic"}"""), "severity", InputRules.InvalidValue, "must be one of: Mild, Severe");

    /// <summary>The converter the framework offers combines comma-joined names as flags: "Mild, Severe" read as a third value.</summary>
    [Theory]
    [InlineData("""{"severity":"Mild, Severe"}""")]
    [InlineData("""{"severity":"Mild,Severe"}""")]
    [InlineData("""{"severity":1}""")]
    [InlineData("""{"severity":"1"}""")]
    [InlineData("""{"severity":" Mild"}""")]
    public void An_enum_is_one_name_never_a_combination_or_a_number(string json) =>
        AssertNamed(Problem(json), "severity", InputRules.InvalidValue, "must be one of: Mild, Severe");

    [Fact]
    public void An_enum_is_read_by_its_name_in_any_case_and_written_by_it()
    {
        Assert.Equal(Severity.Severe, JsonSerializer.Deserialize<Body>("""{"severity":"severe"}""", Options)!.Severity);
        Assert.Contains("\"severity\":\"Severe\"", JsonSerializer.Serialize(new Body(Severity.Severe, null, null, null), Options), StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_instrument_lists_the_names_the_api_accepts()
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<InstrumentBody>("""{"instrument":"Phq 9"}""", Options));
        var problem = PlatformExceptionHandler.BadJson(error, typeof(InstrumentBody));
        Assert.Equal("must be one of: PHQ-9, GAD-7, PCL-5, C-SSRS, MADRS, QIDS-SR16, CADSS-6", Assert.Single(problem.Errors["instrument"]));
        Assert.Equal(Platform.Instruments.InstrumentCode.Phq9, JsonSerializer.Deserialize<InstrumentBody>("""{"instrument":"PHQ-9"}""", Options)!.Instrument);
    }

    private sealed record InstrumentBody(Platform.Instruments.InstrumentCode Instrument);

    /// <summary>An instant without its offset would be read in the server's zone: refused, like the Occurred-At header.</summary>
    [Theory]
    [InlineData("""{"occurredAt":"2026-03-01T09:30:00"}""")]
    [InlineData("""{"occurredAt":"2026-03-01"}""")]
    public void An_instant_without_an_offset_is_refused(string json) =>
        AssertNamed(Problem(json), "occurredAt", InputRules.InvalidValue, "with an offset");

    [Theory]
    [InlineData("""{"occurredAt":"2026-03-01T09:30:00Z"}""")]
    [InlineData("""{"occurredAt":"2026-03-01T09:30:00-05:00"}""")]
    [InlineData("""{"occurredAt":"2026-03-01T09:30:00.123+01:00"}""")]
    public void An_instant_with_its_offset_is_read(string json) =>
        Assert.NotNull(JsonSerializer.Deserialize<Body>(json, Options)!.OccurredAt);

    [Fact]
    public void A_string_for_a_number_says_a_whole_number() =>
        AssertNamed(Problem("""{"onset":"5"}"""), "onset", InputRules.InvalidValue, "whole number");

    [Fact]
    public void Broken_json_is_a_400_without_the_parser_message() =>
        AssertNamed(Problem("""{"onset": 5,,}"""), "body", InputRules.InvalidValue, "not valid JSON");

    [Fact]
    public void Dates_in_range_and_nulls_still_read() =>
        Assert.Equal(
            new Body(Severity.Mild, new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.Zero), new DateOnly(1985, 6, 1), null),
            JsonSerializer.Deserialize<Body>("""{"severity":"Mild","occurredAt":"2026-03-01T09:30:00Z","birthDate":"1985-06-01","onset":null}""", Options));

    [Theory]
    [InlineData("Failed to bind parameter \"Nullable<DateTimeOffset> asOf\" from \"notadate\".", "asOf", InputRules.InvalidValue)]
    [InlineData("Failed to bind parameter \"Nullable<DateTimeOffset> asOf\" from \"10000-01-01\".", "asOf", InputRules.InvalidValue)]
    [InlineData("Required parameter \"Guid courseId\" was not provided from query string.", "courseId", InputRules.Required)]
    public void A_query_or_route_value_the_binder_refused_is_named_without_its_type(string message, string field, string ruleId)
    {
        var problem = PlatformExceptionHandler.BadBinding(new BadHttpRequestException(message), new DefaultHttpContext());

        AssertNamed(problem!, field, ruleId);
    }

    [Theory]
    [InlineData("{}", "name")]
    [InlineData("{\"name\":\"x\",\"patient\":{}}", "patient.name")]
    [InlineData("{\"name\":null}", "name")]
    public void A_field_without_a_default_is_required_and_a_non_nullable_one_is_not_null(string json, string field)
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Named>(json, Options));
        var problem = PlatformExceptionHandler.BadJson(error, typeof(Named));

        Assert.True(problem.Errors.ContainsKey(field), "errors: " + JsonSerializer.Serialize(problem.Errors));
    }

    private sealed record Named(string Name, Inner? Patient = null);

    [Fact]
    public void A_field_sent_twice_is_refused_naming_it()
    {
        var problem = Problem("{\"severity\":\"Mild\",\"severity\":\"Severe\"}");

        AssertNamed(problem, "severity", Platform.Contracts.InputRules.InvalidValue, "once");
    }
}
