namespace Platform.Commands;

/// <summary>
/// Collects input errors per field so a request gets one 400 naming every bad field and the rule it broke.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public FieldErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            list = [];
            _errors[field] = list;
        }

        list.Add(message);
        return this;
    }

    /// <summary>Adds the error when the condition does not hold.</summary>
    public FieldErrors Require(bool condition, string field, string message) =>
        condition ? this : Add(field, message);

    public FieldErrors InRange(int? value, int min, int max, string field) =>
        value is null || (value >= min && value <= max) ? this : Add(field, $"must be between {min} and {max}");

    public FieldErrors NotInFuture(DateTimeOffset? value, DateTimeOffset now, string field) =>
        value is null || value <= now ? this : Add(field, "must not be in the future");

    public IDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
