using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// A creating POST names its new stream after the client's Idempotency-Key, so a retried request finds the
/// stream it already created instead of starting a second one. No lookup table, no race: the stream id is unique.
/// </summary>
public static class IdempotencyKey
{
    public const string Header = "Idempotency-Key";

    public static string? Read(HttpRequest request)
    {
        var key = request.Headers[Header].ToString();
        return string.IsNullOrWhiteSpace(key) ? null : key.Trim();
    }

    /// <summary>A stable id for (scope, key): a name-based UUID (version 8, SHA-256).</summary>
    public static Guid ToStreamId(string scope, string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(scope + "\n" + key));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
