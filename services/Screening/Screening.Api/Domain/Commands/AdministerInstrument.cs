using Platform.Instruments;

namespace Screening.Api.Domain.Commands;

/// <summary>
/// Item answers only: the service scores them. For the C-SSRS screener with Q6 "yes", give either the
/// form's yes/no follow-up <paramref name="BehaviourWithinPastThreeMonths"/> or the date of the last
/// behaviour, which is compared with the protocol's behaviour window.
/// </summary>
public sealed record AdministerInstrument(
    InstrumentCode Instrument,
    IReadOnlyList<int> Items,
    DateTimeOffset? AdministeredAt,
    Guid RecordedBy,
    bool? BehaviourWithinPastThreeMonths = null,
    DateOnly? SuicidalBehaviourLastOn = null);
