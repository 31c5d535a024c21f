namespace Platform.Fhir;

/// <summary>
/// A FHIR date search value (<c>birthdate=ge1980-01-01</c>, <c>_lastUpdated=lt2026-12-01T10:00:00Z</c>) as the half-open
/// range of instants it matches: [<see cref="From"/>, <see cref="To"/>), either end open. The value's precision sets
/// its own range (a year, a month, a day, a second) and the prefix widens it: <c>eq</c> (default) the range, <c>ge</c>
/// from its start, <c>gt</c> from its end, <c>le</c> up to its end, <c>lt</c> up to its start. Values without a time
/// zone are read as UTC.
/// </summary>
public sealed record FhirDateParameter(DateTimeOffset? From, DateTimeOffset? To)
{
    public static readonly string[] Prefixes = ["eq", "ge", "gt", "le", "lt"];

    public bool Matches(DateTimeOffset instant) => (From is not { } from || instant >= from) && (To is not { } to || instant < to);

    /// <summary>The first day whose range overlaps this one (for date elements such as a birth date), or null when open.</summary>
    public DateOnly? FirstDay => From is { } from ? DateOnly.FromDateTime(from.UtcDateTime) : null;

    /// <summary>The last day whose range overlaps this one, or null when open.</summary>
    public DateOnly? LastDay => To is { } to ? DateOnly.FromDateTime(to.UtcDateTime.AddTicks(-1)) : null;

    public static bool TryParse(string value, out FhirDateParameter? parameter, out string? error)
    {
        ArgumentNullException.ThrowIfNull(value);
        parameter = null;
        var prefix = value.Length > 2 && char.IsAsciiLetter(value[0]) ? value[..2] : "eq";
        var text = value.Length > 2 && char.IsAsciiLetter(value[0]) ? value[2..] : value;
        if (!Prefixes.Contains(prefix))
        {
            error = $"the prefix '{prefix}' is not supported; use one of {string.Join(", ", Prefixes)}";
            return false;
        }

        if (!TryRange(text, out var start, out var end))
        {
            error = $"'{text}' is not a FHIR date (YYYY, YYYY-MM, YYYY-MM-DD or a dateTime with a time zone)";
            return false;
        }

        error = null;
        parameter = prefix switch {
            "ge" => new FhirDateParameter(start, null),
            "gt" => new FhirDateParameter(end, null),
            "le" => new FhirDateParameter(null, end),
            "lt" => new FhirDateParameter(null, start),
            _ => new FhirDateParameter(start, end),
        };
        return true;
    }

    private static bool TryRange(string text, out DateTimeOffset start, out DateTimeOffset end)
    {
        const DateTimeStyles Utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        start = end = default;
        var ok = text.Length switch {
            4 => DateTimeOffset.TryParseExact(text, "yyyy", CultureInfo.InvariantCulture, Utc, out start),
            7 => DateTimeOffset.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, Utc, out start),
            10 => DateTimeOffset.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, Utc, out start),
            _ => text.Contains('T', StringComparison.Ordinal) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, Utc, out start),
        };
        if (!ok)
        {
            return false;
        }

        end = text.Length switch {
            4 => start.AddYears(1),
            7 => start.AddMonths(1),
            10 => start.AddDays(1),
            _ => start.AddSeconds(1),
        };
        return true;
    }
}
