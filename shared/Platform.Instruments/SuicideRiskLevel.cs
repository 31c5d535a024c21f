namespace Platform.Instruments;

/// <summary>
/// C-SSRS screener triage level. <see cref="None"/> is kept apart from <see cref="Low"/> so a
/// screener with every answer "no" is distinguishable from one with passive ideation (Q1/Q2).
/// </summary>
public enum SuicideRiskLevel
{
    None,
    Low,
    Moderate,
    High,
}
