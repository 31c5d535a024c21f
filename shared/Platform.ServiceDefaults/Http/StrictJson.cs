using System.Collections;
using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Platform.Contracts;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// How every service reads request bodies, configured once: unknown properties are refused (a misspelt
/// "severty" must not silently drop the severity), enums by one name only (<see cref="StrictEnumConverter"/>), numbers as numbers, strings through
/// <see cref="SafeStringConverter"/>, dates within <see cref="EarliestYear"/>..<see cref="LatestYear"/> and lists
/// without null elements and of bounded length (<see cref="ListRules"/>).
/// </summary>
public static class StrictJson
{
    /// <summary>Older than any birth date or history the clinic records; year 1 is a client's default value, not a date.</summary>
    public const int EarliestYear = 1800;

    /// <summary>Later than any appointment; 9999-12-31 is a client's "no end", and date arithmetic on it overflows.</summary>
    public const int LatestYear = 2199;

    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.Converters.Add(new StrictEnumConverter());
        options.Converters.Add(new SafeStringConverter());
        options.Converters.Add(new BoundedDateTimeOffsetConverter());
        options.Converters.Add(new BoundedDateOnlyConverter());
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
            .WithAddedModifier(ListRules.Modifier);
        // Numbers are numbers: "5" for an integer is a 400, and the OpenAPI document types integers as integers.
        options.NumberHandling = JsonNumberHandling.Strict;

        // Required means required: a constructor parameter without a default is listed as required in the OpenAPI
        // documents, so a body without it is a 400 naming it, never a silent default (a booking without a kind
        // becoming a preparation session). A field a client may leave out has a default in its record. And a
        // non-nullable field is not null.
        options.RespectRequiredConstructorParameters = true;
        options.RespectNullableAnnotations = true;

        // {"severity":"Mild","severity":"Serious"}: parsers disagree on which one counts (a proxy or an audit log may
        // read the first, the service the last), so a repeated field is refused rather than resolved.
        options.AllowDuplicateProperties = false;

        // No request of the platform nests deeper than a few levels; a deeper body is an attack on the parser.
        options.MaxDepth = MaxDepth;
    }

    public const int MaxDepth = 16;

    public static string RangeMessage => $"must be a date between {EarliestYear}-01-01 and {LatestYear}-12-31";

    public static bool InRange(int year) => year is >= EarliestYear and <= LatestYear;

    /// <summary>What a value of <paramref name="type"/> must look like, in words a client understands (no .NET type names).</summary>
    public static string Expected(Type? type)
    {
        var t = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        return t switch {
            null => "is not a valid value (check the type and the allowed values)",
            { IsEnum: true } => "must be one of: " + string.Join(", ", StrictEnumConverter.NamesOf(t)),
            _ when t == typeof(DateTimeOffset) || t == typeof(DateTime) => "must be a date and time with an offset, e.g. 2026-03-01T09:30:00Z",
            _ when t == typeof(DateOnly) => "must be a date, e.g. 2026-03-01",
            _ when t == typeof(TimeOnly) => "must be a time of day, e.g. 09:30",
            _ when t == typeof(TimeSpan) => "must be a duration, e.g. 01:30:00",
            _ when t == typeof(Guid) => "must be an id (a UUID, e.g. 3fa85f64-5717-4562-b3fc-2c963f66afa6)",
            _ when t == typeof(bool) => "must be true or false",
            _ when t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(byte) => "must be a whole number",
            _ when t == typeof(decimal) || t == typeof(double) || t == typeof(float) => "must be a number",
            _ when t == typeof(string) => "must be text",
            _ when typeof(IEnumerable).IsAssignableFrom(t) => "must be a list",
            _ => "must be an object with the documented fields",
        };
    }

    /// <summary>
    /// The type a serializer or binder message names ("System.Nullable`1[Ns.Severity]"), looked up in the loaded
    /// assemblies so <see cref="Expected"/> can describe it; null when unknown.
    /// </summary>
    public static Type? FindType(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        const string nullable = "System.Nullable`1[";
        var bare = name.StartsWith(nullable, StringComparison.Ordinal) && name.EndsWith(']') ? name[nullable.Length..^1] : name;
        if (bare.EndsWith("[]", StringComparison.Ordinal) || bare.StartsWith("System.Collections.", StringComparison.Ordinal))
        {
            return typeof(IEnumerable);
        }

        return Type.GetType(bare) ?? AppDomain.CurrentDomain.GetAssemblies()
            .Select(a => a.GetType(bare, throwOnError: false))
            .FirstOrDefault(t => t is not null);
    }

    /// <summary>
    /// ISO 8601 instants within the supported years, with their offset: "2026-03-01T09:30:00" or "2026-03-01" would be
    /// read in the server's zone, which is not a clinical fact's time.
    /// </summary>
    private sealed class BoundedDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var value) || !OccurredAt.HasOffset(reader.GetString()!))
            {
                throw new JsonException(SafeStringConverter.Rejection + Expected(typeof(DateTimeOffset)));
            }

            return InRange(value.Year) ? value : throw new JsonException(OutOfRange + RangeMessage);
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    /// <summary>Dates as "yyyy-MM-dd" (as the default converter) within the supported years.</summary>
    private sealed class BoundedDateOnlyConverter : JsonConverter<DateOnly>
    {
        public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String
                || !DateOnly.TryParseExact(reader.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
            {
                throw new JsonException(SafeStringConverter.Rejection + Expected(typeof(DateOnly)));
            }

            return InRange(value.Year) ? value : throw new JsonException(OutOfRange + RangeMessage);
        }

        public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    /// <summary>Marks an out-of-range date, so the 400 carries <see cref="InputRules.OutOfRange"/>.</summary>
    public const string OutOfRange = "kap-range: ";
}

/// <summary>
/// Route and query values held to the body's rules, added to every endpoint by its convention. Dates in the same years
/// as body dates: "asOf=0001-01-01" binds, but is a client's default value, and date arithmetic near the type's limits
/// overflows into a 500; instants with their offset, as in bodies. Enums by one name (<see cref="StrictEnumConverter"/>): the binder's <c>Enum.TryParse</c> also
/// takes numbers and comma-joined names ("role=Therapist,Prescriber" would filter by a value nobody sent).
/// </summary>
public sealed class ParameterRangeFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var parameters = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<MethodInfo>()?.GetParameters() ?? [];
        var errors = new FieldErrors();
        var ruleId = InputRules.OutOfRange;
        for (var i = 0; i < context.Arguments.Count && i < parameters.Length; i++)
        {
            var name = parameters[i].Name ?? "value";
            var year = context.Arguments[i] switch {
                DateTimeOffset instant => instant.Year,
                DateOnly date => date.Year,
                DateTime time => time.Year,
                _ => (int?)null,
            };
            if (year is { } y && !StrictJson.InRange(y))
            {
                errors.Add(name, StrictJson.RangeMessage);
            }

            if (context.Arguments[i] is DateTimeOffset && Raw(context.HttpContext, name) is { } sent && !OccurredAt.HasOffset(sent))
            {
                errors.Add(name, StrictJson.Expected(typeof(DateTimeOffset)));
                ruleId = InputRules.InvalidValue;
            }

            if (context.Arguments[i] is Enum && Raw(context.HttpContext, name) is { } raw
                && !StrictEnumConverter.NamesOf(context.Arguments[i]!.GetType()).Contains(raw, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(name, StrictJson.Expected(context.Arguments[i]!.GetType()));
                ruleId = InputRules.InvalidValue;
            }
        }

        return errors.Any
            ? TypedResults.ValidationProblem(errors.ToDictionary(), title: "The request could not be read",
                extensions: new Dictionary<string, object?> { [Problems.RuleIdKey] = ruleId })
            : await next(context);
    }

    private static string? Raw(HttpContext http, string name) =>
        http.Request.RouteValues.TryGetValue(name, out var route) && route is string text ? text
        : http.Request.Query.TryGetValue(name, out var query) ? query.ToString()
        : null;
}
