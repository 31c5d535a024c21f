namespace Platform.Instruments;

/// <summary>Montgomery-Asberg Depression Rating Scale (clinician rated).</summary>
public static class Madrs
{
    public static InstrumentDefinition Definition { get; } =
        new(InstrumentCode.Madrs, "MADRS", ItemCount: 10, MinAnswer: 0, MaxAnswer: 6, MaxTotal: 60, null, null);

    public static int Total(IReadOnlyList<int> items) => items.Sum();

    public static string Band(int total) => total switch {
        <= 6 => "normal",
        <= 19 => "mild",
        <= 34 => "moderate",
        _ => "severe",
    };
}
