using Platform.Contracts;
using Platform.Instruments;

namespace Screening.Api.Screenings;

/// <summary>The latest administration of one instrument in this screening.</summary>
public sealed record AdministeredInstrument(
    InstrumentCode Instrument,
    string Name,
    IReadOnlyList<int> Items,
    int Total,
    string Band,
    SuicideRiskLevel? RiskLevel,
    DateTimeOffset AdministeredAt)
{
    public InstrumentScore ToScore() => new(Instrument, Total, Band, AdministeredAt);
}
