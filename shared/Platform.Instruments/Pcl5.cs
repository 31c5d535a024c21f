namespace Platform.Instruments;

/// <summary>PTSD Checklist for DSM-5.</summary>
public static class Pcl5
{
    /// <summary>The provisional-diagnosis cut point commonly used for PCL-5.</summary>
    public const int ProbablePtsdThreshold = 33;

    public static InstrumentDefinition Definition { get; } =
        new(InstrumentCode.Pcl5, "PCL-5", ItemCount: 20, MinAnswer: 0, MaxAnswer: 4, MaxTotal: 80, null, null);

    public static int Total(IReadOnlyList<int> items) => items.Sum();

    public static string Band(int total) => total >= ProbablePtsdThreshold ? "probable PTSD" : "below threshold";
}
