namespace Platform.Instruments;

/// <summary>A scored administration. The total is always computed here, never taken from a client.</summary>
public sealed record InstrumentResult(
    InstrumentCode Instrument,
    string Name,
    IReadOnlyList<int> Items,
    int Total,
    string Band,
    SuicideRiskLevel? RiskLevel,
    string? LoincCode,
    string? LoincPanelCode);
