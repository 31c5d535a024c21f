using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace Platform.Privacy;

/// <summary>The keys of the subjects whose PHI is sealed: a subject's data key, or null once its patient is erased.</summary>
public interface IPhiKeyRing
{
    /// <summary>The 32-byte key of <paramref name="subject"/>; null when its patient was erased; throws when it never had one.</summary>
    byte[]? KeyOf(Guid subject);

    /// <summary>
    /// The key to seal a new value of <paramref name="subject"/> with: as <see cref="KeyOf"/>, but a subject without a
    /// key yet (a record written before sealing, or one whose opening did not make its key) gets one.
    /// </summary>
    byte[]? SealingKeyOf(Guid subject);
}

/// <summary>
/// The sealed format: <c>phi1.</c> + base64url(subject 16 | nonce 12 | tag 16 | AES-256-GCM ciphertext), with the
/// subject as associated data so a value cannot be moved to another subject's record. The key ring is the process's
/// one (<see cref="Use"/>): the converters come from attributes and MassTransit's serializer options are process-wide,
/// so neither can be handed a ring of their own.
/// </summary>
public static class PhiSealing
{
    public const string Prefix = "phi1.";

    /// <summary>What an erased text reads as.</summary>
    public const string ErasedText = "[erased]";

    private const int SubjectBytes = 16, NonceBytes = 12, TagBytes = 16;

    private static IPhiKeyRing? keys;

    /// <summary>
    /// In the converters of sealing options, so that they never equal options that do not seal: System.Text.Json shares
    /// its metadata (and hands converters the first instance's options) between options with equal settings.
    /// </summary>
    private static readonly SealingMarker Marker = new();

    /// <summary>The process's key ring; set once at start-up.</summary>
    public static IPhiKeyRing Keys => keys ?? throw new InvalidOperationException("No PHI key ring is configured in this process.");

    public static void Use(IPhiKeyRing ring) => keys = ring;

    /// <summary>
    /// Turns sealing on for these options (the store's and the broker's serializers, never HTTP's); again changes
    /// nothing. Must come before the options are first used, which makes them read-only. Returns the same options.
    /// </summary>
    public static JsonSerializerOptions SealIn(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!IsOn(options))
        {
            options.Converters.Add(Marker);
        }

        return options;
    }

    internal static bool IsOn(JsonSerializerOptions options) => options.Converters.Contains(Marker);

    public static bool IsSealed(string text) => text.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The sealed text of <paramref name="plain"/> for <paramref name="subject"/>, or null when the subject is erased.</summary>
    public static string? Seal(Guid subject, ReadOnlySpan<byte> plain)
    {
        if (Keys.SealingKeyOf(subject) is not { } key)
        {
            return null;
        }

        var sealedBytes = new byte[SubjectBytes + NonceBytes + TagBytes + plain.Length];
        var span = sealedBytes.AsSpan();
        subject.TryWriteBytes(span[..SubjectBytes]);
        RandomNumberGenerator.Fill(span.Slice(SubjectBytes, NonceBytes));
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(
            span.Slice(SubjectBytes, NonceBytes),
            plain,
            span[(SubjectBytes + NonceBytes + TagBytes)..],
            span.Slice(SubjectBytes + NonceBytes, TagBytes),
            span[..SubjectBytes]);
        return Prefix + Base64Url.EncodeToString(sealedBytes);
    }

    /// <summary>The plain bytes of a sealed text, or null when its subject is erased.</summary>
    public static byte[]? Open(string sealedText)
    {
        ArgumentNullException.ThrowIfNull(sealedText);
        var sealedBytes = Base64Url.DecodeFromChars(sealedText.AsSpan(Prefix.Length));
        if (sealedBytes.Length < SubjectBytes + NonceBytes + TagBytes)
        {
            throw new JsonException("A sealed PHI value is too short.");
        }

        var span = sealedBytes.AsSpan();
        if (Keys.KeyOf(new Guid(span[..SubjectBytes])) is not { } key)
        {
            return null;
        }

        var plain = new byte[sealedBytes.Length - SubjectBytes - NonceBytes - TagBytes];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(
            span.Slice(SubjectBytes, NonceBytes),
            span[(SubjectBytes + NonceBytes + TagBytes)..],
            span.Slice(SubjectBytes + NonceBytes, TagBytes),
            plain,
            span[..SubjectBytes]);
        return plain;
    }
}

/// <summary>Converts nothing (no value has its type): it only marks options that seal.</summary>
internal sealed class SealingMarker : System.Text.Json.Serialization.JsonConverter<SealingMarker>
{
    public override SealingMarker Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new NotSupportedException();

    public override void Write(Utf8JsonWriter writer, SealingMarker value, JsonSerializerOptions options) => throw new NotSupportedException();
}
