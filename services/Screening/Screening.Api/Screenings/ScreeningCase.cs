using Platform.Instruments;

namespace Screening.Api.Screenings;

/// <summary>
/// The write model of one screening, rebuilt from its events by <see cref="Evolve"/>. Facts are the latest
/// recorded version; earlier versions stay in the stream.
/// </summary>
public sealed record ScreeningCase(
    Guid Id,
    Guid PatientId,
    Referral Referral,
    ScreeningStatus Status,
    DateTimeOffset ReferredAt,
    DateTimeOffset LastChangedAt) : IPhiRecord
{
    Guid IPhiRecord.PhiSubject => Id;

    /// <summary>The stream version Marten sets on every update, so a read answers with its ETag in one round trip.</summary>
    public long Version { get; set; }

    /// <summary>
    /// The birth date's year, readable (a year alone is not an identifier under HIPAA's Safe Harbor): the birth date is
    /// sealed, so a search by birth date narrows by year in SQL and compares the day after reading.
    /// </summary>
    public int BirthYear { get; init; }

    /// <summary>The keyed digest of the sealed external reference (PatientKeys.Digest), what a search by identifier matches.</summary>
    public string? ExternalReferenceDigest { get; init; }

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

    /// <summary>
    /// Why the case still needs re-screening: the safety holds not waived by the prescriber who released them, and
    /// <see cref="Guid.Empty"/> for a reason no waiver clears (an expired approval).
    /// </summary>
    public IReadOnlyList<Guid> ReScreeningHolds { get; init; } = [];

    /// <summary>Holds whose re-screening the prescriber waived; a late or redelivered notice of them changes nothing.</summary>
    public IReadOnlyList<Guid> WaivedHolds { get; init; } = [];

    public bool IsClosed => Status is ScreeningStatus.Approved or ScreeningStatus.Declined or ScreeningStatus.ReScreeningRequired;

    public AdministeredInstrument? LatestInstrument(InstrumentCode code) =>
        Instruments.FirstOrDefault(i => i.Instrument == code);

    /// <summary>
    /// Folds one event into the case (the inline projection and the as-of read use the same function). Internal on
    /// purpose: the JasperFx source generator takes a public Evolve on the document type for an instance evolver.
    /// </summary>
    internal static ScreeningCase? Evolve(ScreeningCase? state, object @event) => (state, @event) switch {
        (null, ScreeningReferred e) => new ScreeningCase(
            e.ScreeningId,
            e.PatientId,
            new Referral(e.ExternalReference, e.ReferringClinician, e.Indication, e.RequestedRoute, e.Patient),
            ScreeningStatus.Referred,
            e.ReferredAt,
            e.ReferredAt) { BirthYear = e.Patient.BirthDate.Year, ExternalReferenceDigest = e.ExternalReferenceDigest },
        (null, _) => null,
        (_, MedicalHistoryRecorded e) => state.WithFact(e.RecordedAt, s => s with { MedicalHistory = e.History }),
        (_, PsychiatricHistoryRecorded e) => state.WithFact(e.RecordedAt, s => s with { PsychiatricHistory = e.History }),
        (_, MedicationsRecorded e) => state.WithFact(e.RecordedAt, s => s with { Medications = e.Medications }),
        (_, PriorTreatmentsRecorded e) => state.WithFact(e.RecordedAt, s => s with { PriorTreatments = e.Treatments }),
        (_, VitalsRecorded e) => state.WithFact(e.RecordedAt, s => s with { Vitals = e.Vitals }),
        (_, InstrumentAdministered e) => state.WithFact(e.RecordedAt, s => s with {
            Instruments =
            [
                .. s.Instruments.Where(i => i.Instrument != e.Instrument),
                new AdministeredInstrument(e.Instrument, e.InstrumentName, e.Items, e.Total, e.Band, e.RiskLevel, e.AdministeredAt),
            ],
        }),
        // A correction is no new fact about the patient's care: the case's last change (its retention) stays.
        (_, RecordAmended e) => AmendableFields.Apply(state, e.Field, e.Corrected),
        (_, EligibilityEvaluated e) => state with { LastEvaluation = e, LastChangedAt = e.EvaluatedAt },
        (_, ScreeningApproved e) => state with { Status = ScreeningStatus.Approved, Approval = e, LastChangedAt = e.ApprovedAt },
        (_, ScreeningDeclined e) => state with { Status = ScreeningStatus.Declined, Decline = e, LastChangedAt = e.DeclinedAt },
        (_, ReScreeningRequired e) => state with {
            Status = ScreeningStatus.ReScreeningRequired,
            ReScreening = e,
            ReScreeningHolds = [.. state.ReScreeningHolds, e.HoldId ?? Guid.Empty],
            LastChangedAt = e.RequiredAt,
        },
        (_, ReScreeningWaived e) => state with {
            Status = e.ApprovedAgain ? ScreeningStatus.Approved : state.Status,
            ReScreening = e.ApprovedAgain ? null : state.ReScreening,
            ReScreeningHolds = [.. state.ReScreeningHolds.Where(h => h != e.HoldId)],
            WaivedHolds = [.. state.WaivedHolds, e.HoldId],
            LastChangedAt = e.WaivedAt,
        },
        _ => state,
    };

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
