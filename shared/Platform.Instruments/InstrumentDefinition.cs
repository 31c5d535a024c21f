namespace Platform.Instruments;

/// <summary>The fixed facts of an instrument: how many items, their answer range and its codes.</summary>
public sealed record InstrumentDefinition(
    InstrumentCode Code,
    string Name,
    int ItemCount,
    int MinAnswer,
    int MaxAnswer,
    int MaxTotal,
    string? LoincTotalCode,
    string? LoincPanelCode);
