using Platform.Instruments;
using Screening.Api.Domain.Facts;

namespace Screening.Api.Intake;

/// <summary>The complete current medication list; an empty list records "no medications".</summary>
public sealed record MedicationsRequest(IReadOnlyList<Medication> Medications);

/// <summary>
/// Item answers only, in questionnaire order: the service validates and scores them. For the C-SSRS screener
/// with question 6 "yes", give <paramref name="BehaviourWithinPastThreeMonths"/> or
/// <paramref name="SuicidalBehaviourLastOn"/>.
/// </summary>
public sealed record InstrumentRequest(
    InstrumentCode Instrument,
    IReadOnlyList<int> Items,
    DateTimeOffset? AdministeredAt = null,
    bool? BehaviourWithinPastThreeMonths = null,
    DateOnly? SuicidalBehaviourLastOn = null);
