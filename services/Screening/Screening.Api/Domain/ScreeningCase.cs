using Platform.Instruments;
using Screening.Api.Domain.Events;
using Screening.Api.Domain.Facts;

namespace Screening.Api.Domain;

/// <summary>
/// The write model of one screening, rebuilt from its events by <see cref="ScreeningEvolution.Evolve"/>. Facts are the latest
/// recorded version; earlier versions stay in the stream.
/// </summary>
public sealed record ScreeningCase(
    Guid Id,
    Guid PatientId,
    Referral Referral,
    ScreeningStatus Status,
    DateTimeOffset ReferredAt,
    DateTimeOffset LastChangedAt)
{
    public MedicalHistory? MedicalHistory { get; init; }

    public PsychiatricHistory? PsychiatricHistory { get; init; }

    public IReadOnlyList<Medication>? Medications { get; init; }

    public PriorTreatments? PriorTreatments { get; init; }

    public Vitals? Vitals { get; init; }

    /// <summary>The latest administration of each instrument.</summary>
    public IReadOnlyList<AdministeredInstrument> Instruments { get; init; } = [];

    public EligibilityEvaluated? LastEvaluation { get; init; }

    public ScreeningApproved? Approval { get; init; }

    public ScreeningDeclined? Decline { get; init; }

    public ReScreeningRequired? ReScreening { get; init; }

    public bool IsClosed => Status is ScreeningStatus.Approved or ScreeningStatus.Declined or ScreeningStatus.ReScreeningRequired;

    public AdministeredInstrument? LatestInstrument(InstrumentCode code) =>
        Instruments.FirstOrDefault(i => i.Instrument == code);

    /// <summary>Applies a recorded fact and moves an open case between in-progress and awaiting sign-off.</summary>
    internal ScreeningCase WithFact(DateTimeOffset at, Func<ScreeningCase, ScreeningCase> apply)
    {
        var next = apply(this) with { LastChangedAt = at };
        if (next.IsClosed)
        {
            return next;
        }

        var status = RequiredFacts.Missing(next).Count == 0 ? ScreeningStatus.AwaitingSignOff : ScreeningStatus.InProgress;
        return next with { Status = status };
    }
}
