using System.Text.Json.Serialization;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// Every string a request carries: no NUL character (PostgreSQL cannot store one, and the failure would echo the
/// clinical text around it into the logs) and at most <see cref="MaxLength"/> characters (a 1 MB name would inflate
/// every list that shows it). Field-specific limits are tighter; this is the floor under all of them.
/// </summary>
public sealed class SafeStringConverter : JsonConverter<string>
{
    public const int MaxLength = 20_000;

    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException();
        }

        var value = reader.GetString()!;
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new JsonException(Rejection + "must not contain a NUL character");
        }

        return value.Length > MaxLength ? throw new JsonException(Rejection + $"must be at most {MaxLength} characters") : value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    /// <summary>Marks messages meant for the client, so the 400 says what is wrong instead of a generic type hint.</summary>
    public const string Rejection = "kap: ";
}
