using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Instruments;

/// <summary>
/// <see cref="InstrumentCode"/> as its serialised name ("PHQ-9") for the serializers that have no enum converter of
/// their own: the event store and the broker. Reading is lenient on purpose, because stored events are never
/// rewritten: it also takes the enum name ("Phq9"), any case, and the number older Screening events hold. Requests
/// never reach this converter: the services' strict enum converter, registered in their options, takes precedence.
/// </summary>
public sealed class InstrumentCodeJsonConverter : JsonConverter<InstrumentCode>
{
    public override InstrumentCode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number) && Enum.IsDefined((InstrumentCode)number))
        {
            return (InstrumentCode)number;
        }

        if (reader.TokenType == JsonTokenType.String && InstrumentCatalog.TryFind(reader.GetString()!, out var definition))
        {
            return definition.Code;
        }

        throw new JsonException();
    }

    public override void Write(Utf8JsonWriter writer, InstrumentCode value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(InstrumentCatalog.Get(value).Name);
    }
}
