namespace Platform.ServiceDefaults.Http;

/// <summary>One page of a list, with the opaque cursor of the next page (null on the last page).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next) : IPage
{
    System.Collections.IEnumerable IPage.Records => Items;

    /// <summary>The same page with each item turned into what the endpoint answers (a stored document into its view).</summary>
    public Page<TView> Select<TView>(Func<T, TView> view) => new([.. Items.Select(view)], Next);
}

/// <summary>The items of any page, for what reads them without knowing their type (the access audit).</summary>
public interface IPage
{
    System.Collections.IEnumerable Records { get; }
}

/// <summary>
/// Every list endpoint is paged the same way: <c>limit</c> (1-200, default 50) and the <c>cursor</c> a previous page
/// returned as <c>next</c>. The cursor is opaque to clients so the paging method can change without breaking them.
/// </summary>
public readonly record struct PageRequest(int Limit, int Offset)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>Reads limit and cursor, adding an error naming the field when either is not valid.</summary>
    public static PageRequest From(int? limit, string? cursor, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var size = limit ?? DefaultLimit;
        if (size is < 1 or > MaxLimit)
        {
            errors.Add("limit", $"must be between 1 and {MaxLimit}");
        }

        var offset = 0;
        if (!string.IsNullOrEmpty(cursor) && !TryDecode(cursor, out offset))
        {
            errors.Add("cursor", "must be the 'next' value of a previous page");
        }

        return new PageRequest(Math.Clamp(size, 1, MaxLimit), offset);
    }

    /// <summary>How many rows to fetch: one more than the page, to know whether another page follows.</summary>
    public int Fetch => Limit + 1;

    public Page<T> Of<T>(IReadOnlyList<T> fetched)
    {
        ArgumentNullException.ThrowIfNull(fetched);
        return fetched.Count > Limit
            ? new Page<T>(fetched.Take(Limit).ToList(), Encode(Offset + Limit))
            : new Page<T>(fetched, null);
    }

    private static string Encode(int offset) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes("o:" + offset.ToString(CultureInfo.InvariantCulture)));

    private static bool TryDecode(string cursor, out int offset)
    {
        offset = 0;
        try
        {
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(cursor));
            return text.StartsWith("o:", StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
