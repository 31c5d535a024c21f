namespace Platform.Instruments;

/// <summary>Looks up the fixed definition of every instrument.</summary>
public static class InstrumentCatalog
{
    public static IReadOnlyList<InstrumentDefinition> All { get; } =
    [
        Phq9.Definition,
        Gad7.Definition,
        Pcl5.Definition,
        CssrsScreener.Definition,
        Madrs.Definition,
        QidsSr16.Definition,
        Cadss6.Definition,
    ];

    public static InstrumentDefinition Get(InstrumentCode code) =>
        All.FirstOrDefault(d => d.Code == code)
        ?? throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown instrument.");

    /// <summary>Finds an instrument by its display name ("PHQ-9") or enum name ("Phq9"), ignoring case.</summary>
    public static bool TryFind(string name, out InstrumentDefinition definition)
    {
        var found = All.FirstOrDefault(d =>
            string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase)
            || string.Equals(d.Code.ToString(), name, StringComparison.OrdinalIgnoreCase));
        definition = found!;
        return found is not null;
    }
}
