using System.Collections;
using System.Text.Json.Serialization.Metadata;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// No list in a request body holds more than <see cref="MaxItems"/> entries: the longest real one (a medication list,
/// a year of time off) stays well below, and validators and later reads of the record stay cheap. Field-specific
/// limits are tighter; this is the floor under all of them, with a 400 naming the list and the limit.
/// </summary>
public static class ListLimits
{
    public const int MaxItems = 400;

    public static void Modifier(JsonTypeInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        var lists = info.Properties
            .Where(p => p.Get is not null && p.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(p.PropertyType))
            .ToArray();
        if (lists.Length == 0)
        {
            return;
        }

        var previous = info.OnDeserialized;
        info.OnDeserialized = value =>
        {
            previous?.Invoke(value);
            foreach (var list in lists)
            {
                if (list.Get!(value) is ICollection { Count: > MaxItems })
                {
                    throw new JsonException($"{SafeStringConverter.Rejection}{list.Name}{NoNullElements.FieldSeparator}must hold at most {MaxItems} items");
                }
            }
        };
    }
}
