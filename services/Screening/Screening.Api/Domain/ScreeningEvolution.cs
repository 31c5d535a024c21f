using Screening.Api.Domain.Events;
using Screening.Api.Domain.Facts;

namespace Screening.Api.Domain;

/// <summary>
/// Folds events into <see cref="ScreeningCase"/>. It lives outside the record on purpose: Marten's source
/// generator treats any <c>Evolve</c> method on a type as an instance evolver of that type and emits code
/// that does not compile against a static one.
/// </summary>
public static class ScreeningEvolution
{
    public static ScreeningCase? Evolve(ScreeningCase? state, object @event) => (state, @event) switch
    {
        (null, ScreeningReferred e) => new ScreeningCase(
            e.ScreeningId,
            e.PatientId,
            new Referral(e.ExternalReference, e.ReferringClinician, e.Indication, e.RequestedRoute, e.Patient),
            ScreeningStatus.Referred,
            e.ReferredAt,
            e.ReferredAt),
        (null, _) => null,
        (_, MedicalHistoryRecorded e) => state.WithFact(e.RecordedAt, s => s with { MedicalHistory = e.History }),
        (_, PsychiatricHistoryRecorded e) => state.WithFact(e.RecordedAt, s => s with { PsychiatricHistory = e.History }),
        (_, MedicationsRecorded e) => state.WithFact(e.RecordedAt, s => s with { Medications = e.Medications }),
        (_, PriorTreatmentsRecorded e) => state.WithFact(e.RecordedAt, s => s with { PriorTreatments = e.Treatments }),
        (_, VitalsRecorded e) => state.WithFact(e.RecordedAt, s => s with { Vitals = e.Vitals }),
        (_, InstrumentAdministered e) => state.WithFact(e.RecordedAt, s => s with
        {
            Instruments =
            [
                .. s.Instruments.Where(i => i.Instrument != e.Instrument),
                new AdministeredInstrument(e.Instrument, e.InstrumentName, e.Items, e.Total, e.Band, e.RiskLevel, e.AdministeredAt),
            ],
        }),
        (_, EligibilityEvaluated e) => state with { LastEvaluation = e, LastChangedAt = e.EvaluatedAt },
        (_, ScreeningApproved e) => state with { Status = ScreeningStatus.Approved, Approval = e, LastChangedAt = e.ApprovedAt },
        (_, ScreeningDeclined e) => state with { Status = ScreeningStatus.Declined, Decline = e, LastChangedAt = e.DeclinedAt },
        (_, ReScreeningRequired e) => state with { Status = ScreeningStatus.ReScreeningRequired, ReScreening = e, LastChangedAt = e.RequiredAt },
        _ => state,
    };
}
