namespace Platform.Instruments;

/// <summary>
/// Clinician-Administered Dissociative States Scale, 6-item form: tracked per dose, it has no
/// published severity bands, so the band says so explicitly instead of inventing one.
/// </summary>
public static class Cadss6
{
    public const string UnbandedLabel = "not banded";

    public static InstrumentDefinition Definition { get; } =
        new(InstrumentCode.Cadss6, "CADSS-6", ItemCount: 6, MinAnswer: 0, MaxAnswer: 4, MaxTotal: 24, null, null);

    public static int Total(IReadOnlyList<int> items) => items.Sum();

    public static string Band(int total) => total >= 0 ? UnbandedLabel : throw new ArgumentOutOfRangeException(nameof(total));
}
