namespace Platform.Instruments;

/// <summary>Patient Health Questionnaire-9 (Kroenke 2001): depression severity.</summary>
public static class Phq9
{
    public static InstrumentDefinition Definition { get; } =
        new(InstrumentCode.Phq9, "PHQ-9", ItemCount: 9, MinAnswer: 0, MaxAnswer: 3, MaxTotal: 27, "44261-6", "44249-1");

    public static int Total(IReadOnlyList<int> items) => items.Sum();

    public static string Band(int total) => total switch {
        < 5 => "minimal",
        < 10 => "mild",
        < 15 => "moderate",
        < 20 => "moderately severe",
        _ => "severe",
    };
}
