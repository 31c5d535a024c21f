namespace Platform.Fhir;

/// <summary>A token search value: <c>system|code</c>, or a code alone (any system).</summary>
public sealed record FhirToken(string? System, string Code)
{
    public bool Matches(IEnumerable<Coding> codings) =>
        codings.Any(c => (System is null || c.System == System) && c.Code == Code);

    public bool Matches(CodeableConcept? concept) => concept is not null && Matches(concept.Coding);

    public static bool TryParse(string value, out FhirToken? token)
    {
        ArgumentNullException.ThrowIfNull(value);
        var bar = value.IndexOf('|', StringComparison.Ordinal);
        var (system, code) = bar < 0 ? (null, value) : (value[..bar], value[(bar + 1)..]);
        token = code.Length == 0 ? null : new FhirToken(system?.Length > 0 ? system : null, code);
        return token is not null;
    }
}
