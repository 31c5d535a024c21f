using Platform.ServiceDefaults.Time;
using Platform.Instruments;
using Platform.ServiceDefaults.Domain;
using Screening.Api.Domain.Commands;
using Screening.Api.Domain.Eligibility;
using Screening.Api.Domain.Events;
using Screening.Api.Domain.Validation;

namespace Screening.Api.Domain.Decisions;

public static partial class ScreeningDecider
{
    public static Decision Decide(ReferScreening command, ScreeningCase? state, ClinicTime now, ScreeningProtocol protocol)
    {
        if (state is not null)
        {
            return Decision.Reject(RuleIds.CaseExists, "A screening with this id already exists.");
        }

        return AcceptWithEvaluation(
                state,
                now,
                protocol,
                new ScreeningReferred(
                    command.ScreeningId,
                    command.PatientId,
                    command.ExternalReference.Trim(),
                    command.ReferringClinician.Trim(),
                    command.Indication,
                    command.RequestedRoute,
                    command.Patient,
                    command.ReferredBy,
                    now.Utc));
    }

    public static Decision Decide(RecordMedicalHistory command, ScreeningCase? state, ClinicTime now, ScreeningProtocol protocol) =>
        NotOpen(state)
        ?? AcceptWithEvaluation(state, now, protocol, new MedicalHistoryRecorded(state!.Id, command.History, command.RecordedBy, now.Utc));

    public static Decision Decide(RecordPsychiatricHistory command, ScreeningCase? state, ClinicTime now, ScreeningProtocol protocol) =>
        NotOpen(state)
        ?? AcceptWithEvaluation(state, now, protocol, new PsychiatricHistoryRecorded(state!.Id, command.History, command.RecordedBy, now.Utc));

    public static Decision Decide(RecordMedications command, ScreeningCase? state, ClinicTime now, ScreeningProtocol protocol) =>
        NotOpen(state)
        ?? AcceptWithEvaluation(state, now, protocol, new MedicationsRecorded(state!.Id, command.Medications, command.RecordedBy, now.Utc));

    public static Decision Decide(RecordPriorTreatments command, ScreeningCase? state, ClinicTime now, ScreeningProtocol protocol) =>
        NotOpen(state)
        ?? AcceptWithEvaluation(state, now, protocol, new PriorTreatmentsRecorded(state!.Id, command.Treatments, command.RecordedBy, now.Utc));

    public static Decision Decide(RecordVitals command, ScreeningCase? state, ClinicTime now, ScreeningProtocol protocol) =>
        NotOpen(state)
        ?? AcceptWithEvaluation(state, now, protocol, new VitalsRecorded(state!.Id, command.Vitals, command.RecordedBy, now.Utc));

    public static Decision Decide(AdministerInstrument command, ScreeningCase? state, ClinicTime now, ScreeningProtocol protocol)
    {
        if ((NotOpen(state)) is { } rejected)
        {
            return rejected;
        }

        var recent = AdministerInstrumentValidator.RecentBehaviour(command, now, protocol);
        var score = InstrumentScorer.Score(command.Instrument, command.Items, recent).Result!;
        return AcceptWithEvaluation(
            state,
            now,
            protocol,
            new InstrumentAdministered(
                state!.Id,
                score.Instrument,
                score.Name,
                score.Items,
                score.Instrument == InstrumentCode.CssrsScreener ? recent : null,
                score.Total,
                score.Band,
                score.RiskLevel,
                score.LoincCode,
                command.AdministeredAt ?? now.Utc,
                command.RecordedBy,
                now.Utc));
    }

    /// <summary>Appends an evaluation only if today's result differs from the recorded one.</summary>
    public static Decision Decide(ReEvaluateEligibility command, ScreeningCase? state, ClinicTime now, ScreeningProtocol protocol) =>
        NotOpen(state) ?? AcceptWithEvaluation(state, now, protocol);
}
