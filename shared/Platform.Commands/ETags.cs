namespace Platform.Commands;

/// <summary>Stream versions as ETags: a client echoes the ETag in If-Match to make its command conditional.</summary>
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

    public static void Set(HttpResponse response, long version) => response.Headers.ETag = From(version);
}
