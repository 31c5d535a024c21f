using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// Enums in request and response bodies: one value by its one name (the <see cref="JsonStringEnumMemberNameAttribute"/>
/// name where a member has one, e.g. "PHQ-9"), case ignored. Unlike <see cref="JsonStringEnumConverter"/> it refuses
/// numbers and comma-joined names, which that converter combines as flags: "Moderate, Severe" would be stored as a
/// third severity, and clinical data must mean exactly what was sent or be refused.
/// </summary>
public sealed class StrictEnumConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter?)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert));

    // Read on every request with an enum in its route or query (ParameterRangeFilter): reflected once per type.
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<string>> Names = new();

    /// <summary>The names a client sends and reads for <paramref name="enumType"/>, in declaration order.</summary>
    public static IReadOnlyList<string> NamesOf(Type enumType)
    {
        ArgumentNullException.ThrowIfNull(enumType);
        return Names.GetOrAdd(enumType, type => [.. Members(type).Select(m => m.Name)]);
    }

    private static IEnumerable<(object Value, string Name)> Members(Type enumType) =>
        enumType.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (f.GetValue(null)!, f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name));

    private sealed class Converter<T> : JsonConverter<T>
        where T : struct, Enum
    {
        private static readonly (T Value, string Name)[] Members = [.. StrictEnumConverter.Members(typeof(T)).Select(m => ((T)m.Value, m.Name))];

        // A bare JsonException: the serializer adds the path and the type, and the exception handler turns those into the
        // field and "must be one of" with the names of NamesOf.
        private static readonly Dictionary<string, T> ByName = Members.ToDictionary(m => m.Name, m => m.Value, StringComparer.OrdinalIgnoreCase);

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && ByName.TryGetValue(reader.GetString()!, out var value)
                ? value
                : throw new JsonException();

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(NameOf(value));

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            ByName.TryGetValue(reader.GetString()!, out var value)
                ? value
                : throw new JsonException();

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WritePropertyName(NameOf(value));

        // A value outside the declared members is written as its number rather than lost.
        private static string NameOf(T value)
        {
            foreach (var member in Members)
            {
                if (EqualityComparer<T>.Default.Equals(member.Value, value))
                {
                    return member.Name;
                }
            }

            return Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        }
    }
}
