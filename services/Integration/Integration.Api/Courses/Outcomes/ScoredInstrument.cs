namespace Integration.Api.Courses;

/// <summary>
/// An instrument already scored by the service (never by the client): the decide functions take this so they do not
/// depend on how scoring is done. <paramref name="RiskLevel"/> is set for C-SSRS only (low, moderate, high).
/// </summary>
public sealed record ScoredInstrument(
    InstrumentCode Instrument,
    IReadOnlyList<int> Items,
    int Total,
    string Band,
    string? RiskLevel = null)
{
    public bool IsHighSuicideRisk =>
        Instrument == InstrumentCode.CssrsScreener
        && string.Equals(RiskLevel ?? Band, "high", StringComparison.OrdinalIgnoreCase);
}
