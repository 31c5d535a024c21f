using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace Platform.ServiceDefaults.Audit;

/// <summary>
/// Tells the access audit which records an answer showed: the id properties (<c>Id</c>, <c>PatientId</c>,
/// <c>CourseId</c>...) of the answered value, or of every item when it is a <see cref="Page{T}"/>. Every endpoint
/// gets it through its conventions, so a new list cannot forget to say whose records it listed.
/// </summary>
public sealed class AuditedRecordsFilter : IEndpointFilter
{
    private static readonly ConcurrentDictionary<Type, Func<object, Guid?>[]> IdReaders = new();

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var result = await next(context);
        if (Answered(result) is { } value)
        {
            AccessAudit.Saw(context.HttpContext, IdsOf(value));
        }

        return result;
    }

    /// <summary>The value a successful result carries, through the <c>Results&lt;...&gt;</c> union.</summary>
    private static object? Answered(object? result) =>
        result switch {
            INestedHttpResult nested => Answered(nested.Result),
            IStatusCodeHttpResult { StatusCode: >= 300 } => null,
            IValueHttpResult { Value: { } value } => value,
            _ => null,
        };

    public static IEnumerable<Guid> IdsOf(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var items = value is IPage page ? page.Records : new[] { value };
        foreach (var item in items)
        {
            if (item is null)
            {
                continue;
            }

            foreach (var read in IdReaders.GetOrAdd(item.GetType(), ReadersOf))
            {
                if (read(item) is { } id)
                {
                    yield return id;
                }
            }
        }
    }

    private static Func<object, Guid?>[] ReadersOf(Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && AccessAudit.NamesRecord(p.Name)
                && (p.PropertyType == typeof(Guid) || p.PropertyType == typeof(Guid?)))
            .Select(p => (Func<object, Guid?>)(item => p.GetValue(item) as Guid?))];
}
