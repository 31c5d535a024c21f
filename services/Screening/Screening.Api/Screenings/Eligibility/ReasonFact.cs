using System.Globalization;

namespace Screening.Api.Screenings;

/// <summary>A fact a rule looked at, by name and value, for audit. Never a direct identifier.</summary>
public sealed record ReasonFact(string Name, string Value)
{
    public static ReasonFact Of(string name, bool value) => new(name, value ? "true" : "false");

    public static ReasonFact Of(string name, int value) => new(name, value.ToString(CultureInfo.InvariantCulture));

    public static ReasonFact Of(string name, decimal value) => new(name, value.ToString(CultureInfo.InvariantCulture));

    public static ReasonFact Of(string name, DateOnly? value) =>
        new(name, value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "none");

    public static ReasonFact Of(string name, string? value) => new(name, value ?? "none");
}
