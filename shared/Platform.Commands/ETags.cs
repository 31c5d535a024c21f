namespace Platform.Commands;

/// <summary>Versions as ETags: a client echoes the ETag in If-Match to make its command conditional.</summary>
public static class ETags
{
    public static string From(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>The version the client expects, or null when it sent no If-Match; throws 400 on a malformed one.</summary>
    public static long? ExpectedVersion(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header) || header == "*")
        {
            return null;
        }

        var value = header.Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }

        return long.TryParse(value.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new BadHttpRequestException("If-Match must be an ETag returned by this API, such as \"3\".");
    }

    /// <summary>
    /// The opaque ETag the client expects (of something that is not a stream, e.g. a list), quoted as sent, or null
    /// when it sent no If-Match (or "*"); throws 400 when it is not a quoted tag.
    /// </summary>
    public static string? ExpectedTag(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*")
        {
            return null;
        }

        var tag = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        return tag.Length > 2 && tag[0] == '"' && tag.IndexOf('"', 1) == tag.Length - 1
            ? tag
            : throw new BadHttpRequestException("If-Match must be an ETag returned by this API, quoted as it was sent.");
    }

    public static void Set(HttpResponse response, long version) => response.Headers.ETag = From(version);
}
