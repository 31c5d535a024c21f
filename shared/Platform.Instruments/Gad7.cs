namespace Platform.Instruments;

/// <summary>Generalised Anxiety Disorder-7: anxiety severity.</summary>
public static class Gad7
{
    public static InstrumentDefinition Definition { get; } =
        new(InstrumentCode.Gad7, "GAD-7", ItemCount: 7, MinAnswer: 0, MaxAnswer: 3, MaxTotal: 21, "70274-6", null);

    public static int Total(IReadOnlyList<int> items) => items.Sum();

    public static string Band(int total) => total switch {
        < 5 => "minimal",
        < 10 => "mild",
        < 15 => "moderate",
        _ => "severe",
    };
}
