namespace Platform.Instruments;

/// <summary>
/// Columbia Suicide Severity Rating Scale, screener version. Six yes/no items answered 0 (no) or 1 (yes);
/// Q1-Q5 ask about the past month, Q6 about lifetime behaviour, with a follow-up whether it was within
/// the past 3 months. The total is the number of "yes" answers; the band is the triage risk level.
/// </summary>
public static class CssrsScreener
{
    public const string RecentBehaviourField = "behaviourWithinPastThreeMonths";

    public static InstrumentDefinition Definition { get; } =
        new(InstrumentCode.CssrsScreener, "C-SSRS", ItemCount: 6, MinAnswer: 0, MaxAnswer: 1, MaxTotal: 6, "93374-7", null);

    public static int Total(IReadOnlyList<int> items) => items.Sum();

    /// <summary>
    /// Triage: Q4 or Q5 (past month) or behaviour within 3 months is high; Q3, or behaviour longer ago, is
    /// moderate; Q1/Q2 alone is low; no "yes" at all is <see cref="SuicideRiskLevel.None"/>.
    /// </summary>
    public static SuicideRiskLevel RiskLevel(IReadOnlyList<int> items, bool behaviourWithinPastThreeMonths)
    {
        bool Yes(int question) => items[question - 1] == 1;

        if (Yes(4) || Yes(5) || (Yes(6) && behaviourWithinPastThreeMonths))
        {
            return SuicideRiskLevel.High;
        }

        if (Yes(3) || Yes(6))
        {
            return SuicideRiskLevel.Moderate;
        }

        return Yes(1) || Yes(2) ? SuicideRiskLevel.Low : SuicideRiskLevel.None;
    }

    public static string Band(SuicideRiskLevel level) => level switch {
        SuicideRiskLevel.High => "high",
        SuicideRiskLevel.Moderate => "moderate",
        SuicideRiskLevel.Low => "low",
        _ => "none",
    };
}
