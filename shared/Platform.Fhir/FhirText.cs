namespace Platform.Fhir;

public static class FhirText
{
    /// <summary>A code of the platform's vocabulary as words for a display or text: "HighSuicideRisk" → "High suicide risk".</summary>
    public static string Words(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return string.Concat(code.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));
    }
}
