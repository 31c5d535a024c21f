using System.Collections;
using System.Text.Json.Serialization.Metadata;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// The rules every list in a request body obeys, checked once per list after it is read. It holds at most
/// <see cref="MaxItems"/> entries: the longest real one (a medication list, a year of time off) stays well below, and
/// validators and later reads of the record stay cheap; field-specific limits are tighter. And it never holds null:
/// <c>"medications": [null]</c> is a 400 naming the element, where each validator would otherwise meet a null it does
/// not expect (a 500). A contract modifier rather than a converter, so the OpenAPI documents still describe the lists
/// as arrays.
/// </summary>
public static class ListRules
{
    public const int MaxItems = 400;

    /// <summary>Marks a rejection message that names a field below the object being read ("medications[0]: ...").</summary>
    public const string FieldSeparator = ": ";

    public static void Modifier(JsonTypeInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        var lists = info.Properties
            .Where(p => p.Get is not null && p.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(p.PropertyType))
            .Select(p => (Property: p, MayHoldNull: HoldsReferences(p.PropertyType)))
            .ToArray();
        if (lists.Length == 0)
        {
            return;
        }

        var previous = info.OnDeserialized;
        info.OnDeserialized = value =>
        {
            previous?.Invoke(value);
            foreach (var (list, mayHoldNull) in lists)
            {
                if (list.Get!(value) is not IEnumerable items)
                {
                    continue;
                }

                if (items is ICollection { Count: > MaxItems })
                {
                    throw new JsonException($"{SafeStringConverter.Rejection}{list.Name}{FieldSeparator}must hold at most {MaxItems} items");
                }

                if (!mayHoldNull)
                {
                    continue;
                }

                var index = 0;
                foreach (var item in items)
                {
                    if (item is null)
                    {
                        throw new JsonException($"{SafeStringConverter.Rejection}{list.Name}[{index}]{FieldSeparator}must not be null");
                    }

                    index++;
                }
            }
        };
    }

    private static bool HoldsReferences(Type type) =>
        (type.IsArray ? type.GetElementType() : type.IsGenericType ? type.GetGenericArguments()[0] : null) is { } element &&
        (!element.IsValueType || Nullable.GetUnderlyingType(element) is not null);
}
