using Platform.Instruments;

namespace Screening.Api.Domain.Events;

/// <summary>
/// Item answers plus the total, band and risk level the service computed at the time, so a later change
/// of scoring code never silently changes what was recorded.
/// </summary>
public sealed record InstrumentAdministered(
    Guid ScreeningId,
    InstrumentCode Instrument,
    string InstrumentName,
    IReadOnlyList<int> Items,
    bool? BehaviourWithinPastThreeMonths,
    int Total,
    string Band,
    SuicideRiskLevel? RiskLevel,
    string? LoincCode,
    DateTimeOffset AdministeredAt,
    Guid RecordedBy,
    DateTimeOffset RecordedAt);
