using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Privacy;

/// <summary>
/// Marks a property that holds PHI (a name, a birth date, contact details, free text). Where the platform stores or
/// sends it (Marten's events and documents, messages on the broker: serializer options that
/// <see cref="PhiSealing.SealIn"/> marked), the value is written sealed with the key of the record's subject
/// (<see cref="IPhiRecord"/>) and read back in clear while that key exists. Once the patient is erased the key is gone:
/// the value reads as <see cref="PhiSealing.ErasedText"/> (text) or its type's default, and is never written readable
/// again. Everywhere else (HTTP answers, FHIR) the value is plain JSON.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false)]
public sealed class PhiAttribute : JsonConverterAttribute
{
    public override JsonConverter? CreateConverter(Type typeToConvert) =>
        (JsonConverter?)Activator.CreateInstance(typeof(PhiConverter<>).MakeGenericType(typeToConvert));
}

/// <summary>Seals one property's value as a JSON string, or passes it through where sealing is off.</summary>
internal sealed class PhiConverter<T> : JsonConverter<T>
{
    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && PhiSealing.IsOn(options))
        {
            var text = reader.GetString()!;
            if (PhiSealing.IsSealed(text))
            {
                return PhiSealing.Open(text) is { } plain ? JsonSerializer.Deserialize<T>(plain, options) : Erased();
            }

            // Written before sealing existed: the value as it was stored.
            return typeof(T) == typeof(string) ? (T)(object)text : JsonSerializer.Deserialize<T>(JsonSerializer.SerializeToUtf8Bytes(text), options);
        }

        return JsonSerializer.Deserialize<T>(ref reader, options);
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        if (!PhiSealing.IsOn(options))
        {
            JsonSerializer.Serialize(writer, value, options);
            return;
        }

        var plain = JsonSerializer.SerializeToUtf8Bytes(value, options);
        if (PhiSealing.Seal(PhiSubjects.Current, plain) is { } sealedText)
        {
            writer.WriteStringValue(sealedText);
        }
        else
        {
            // The subject was erased: whatever is in memory is not written readable again.
            JsonSerializer.Serialize(writer, Erased(), options);
        }
    }

    /// <summary>What an erased value reads as: text says so, a list of texts is empty, anything else is its default.</summary>
    private static T? Erased() =>
        typeof(T) == typeof(string) ? (T)(object)PhiSealing.ErasedText
        : typeof(T).IsAssignableFrom(typeof(string[])) ? (T)(object)Array.Empty<string>()
        : default;
}
