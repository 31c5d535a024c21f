using System.Collections;
using System.Text.Json.Serialization.Metadata;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// Lists in request bodies never hold null: <c>"medications": [null]</c> is a 400 naming the element, where each
/// validator would otherwise meet a null it does not expect (a 500). A contract modifier rather than a converter, so
/// the OpenAPI documents still describe the lists as arrays.
/// </summary>
public static class NoNullElements
{
    /// <summary>Marks a rejection message that names a field below the object being read ("medications[0]: ...").</summary>
    public const string FieldSeparator = ": ";

    public static void Modifier(JsonTypeInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        var lists = info.Properties.Where(p => p.Get is not null && HoldsReferences(p.PropertyType)).ToArray();
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
                if (list.Get!(value) is not IEnumerable items)
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
        type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) &&
        (type.IsArray ? type.GetElementType() : type.IsGenericType ? type.GetGenericArguments()[0] : null) is { } element &&
        (!element.IsValueType || Nullable.GetUnderlyingType(element) is not null);
}
