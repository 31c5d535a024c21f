namespace Platform.ServiceDefaults.Marten;

public static class PagedQueries
{
    /// <summary>Runs an ordered query for one page: one row more than the page tells whether another follows.</summary>
    public static async Task<Page<T>> ToPageAsync<T>(this IQueryable<T> ordered, PageRequest page, CancellationToken cancellationToken)
        where T : notnull =>
        page.Of(await ordered.Skip(page.Offset).Take(page.Fetch).ToListAsync(cancellationToken));
}
