using System.Diagnostics.CodeAnalysis;
using Platform.Contracts;
using Platform.ServiceDefaults.Domain;

namespace Scheduling.Api.Domain;

public static partial class CourseDecider
{
    /// <summary>
    /// Records the pre-dose check. Failed gates are recorded as a <see cref="DoseHeld"/> with the reasons, so
    /// a held dose is explained in the stream even if nobody tries to start it; a new check-in (e.g. a BP
    /// re-check 15 minutes later) replaces the previous one.
    /// </summary>
    public static Decision Decide(RecordCheckIn command, TreatmentCourse? state, DateTimeOffset now, SchedulingProtocol protocol)
    {
        if (!IsOpen(state, out var rejected))
        {
            return rejected;
        }

        if (!TryFindSession(state, command.SessionId, dosingOnly: true, out var session, out var missing))
        {
            return missing;
        }

        if (session.Status != SessionStatus.Booked)
        {
            return Decision.Reject(RuleIds.SessionState, $"Check-in happens before the dose; the session is {session.Status}.");
        }

        var events = new List<object>
        {
            new CheckInRecorded(
                state.Id, session.SessionId, command.PreDose, command.FastingConfirmed, command.RideHomeConfirmed, command.RecordedBy, now),
        };
        var failed = FailedGates(new CheckIn(command.PreDose, command.FastingConfirmed, command.RideHomeConfirmed, now), protocol);
        if (failed.Count > 0)
        {
            events.Add(new DoseHeld(
                state.Id, session.SessionId, failed.Select(f => f.RuleId).ToList(), string.Join(" ", failed.Select(f => f.Detail)),
                protocol.Version, now));
        }

        return Decision.Accept(events);
    }

    /// <summary>
    /// The dose starts only with a fresh check-in that passes all three gates (blood pressure at or below the
    /// threshold, fasting, ride home), no safety hold, a valid approval and preparation held.
    /// </summary>
    public static Decision Decide(StartDose command, TreatmentCourse? state, DateTimeOffset now, SchedulingProtocol protocol)
    {
        if (!IsOpen(state, out var rejected))
        {
            return rejected;
        }

        if (!TryFindSession(state, command.SessionId, dosingOnly: true, out var session, out var missing))
        {
            return missing;
        }

        if (session.Status == SessionStatus.DoseInProgress && session.Dosing?.DoseMg == command.DoseMg)
        {
            return Decision.Accept();
        }

        if (session.Status != SessionStatus.Booked)
        {
            return Decision.Reject(RuleIds.SessionState, $"The dose cannot start; the session is {session.Status}.");
        }

        if ((HoldProblem(state) ?? ApprovalProblem(state, now)) is { } blocked)
        {
            return blocked;
        }

        if (!state.IsPreparationComplete || session.TherapistId != state.TherapistId)
        {
            return Decision.Reject(
                RuleIds.PreparationIncomplete,
                "Preparation with the matched therapist must be held before the first dose, and that therapist must sit the session.");
        }

        var checkIn = session.Dosing?.CheckIn;
        if (checkIn is null)
        {
            return Decision.Reject(RuleIds.CheckInMissing, "Record the check-in (BP, HR, fasting, ride home) before the dose.");
        }

        if (now - checkIn.RecordedAt > TimeSpan.FromMinutes(protocol.CheckInValidMinutes))
        {
            return Decision.Reject(
                RuleIds.CheckInStale, $"The check-in is older than {protocol.CheckInValidMinutes} minutes; record it again.");
        }

        var failed = FailedGates(checkIn, protocol);
        if (failed.Count > 0)
        {
            return Decision.Reject(failed[0].RuleId, string.Join(" ", failed.Select(f => f.Detail)));
        }

        return Decision.Accept(new DoseStarted(state.Id, session.SessionId, command.DoseMg, command.AdministeredBy, protocol.Version, now));
    }

    /// <summary>The reading around 40 minutes after the dose; a rise over the pre-dose reading is flagged.</summary>
    public static Decision Decide(RecordMonitoringVitals command, TreatmentCourse? state, DateTimeOffset now, SchedulingProtocol protocol)
    {
        if (!TryInProgressDosing(state, command.SessionId, out var session, out var dosing, out var rejected))
        {
            return rejected;
        }

        var minutes = (int)Math.Round((command.Vitals.TakenAt - dosing.StartedAt).TotalMinutes);
        var preDose = dosing.CheckIn.PreDose;
        var rise = protocol.Clinic.IsBloodPressureRise(preDose.Systolic, preDose.Diastolic, command.Vitals.Systolic, command.Vitals.Diastolic);
        return Decision.Accept(new MonitoringVitalsRecorded(state.Id, session.SessionId, command.Vitals, minutes, rise, command.RecordedBy));
    }

    /// <summary>CADSS-6: the total is computed by the shared scorer, never taken from the client.</summary>
    public static Decision Decide(RecordCadss command, TreatmentCourse? state, DateTimeOffset now, SchedulingProtocol protocol)
    {
        if (!TryInProgressDosing(state, command.SessionId, out var session, out _, out var rejected))
        {
            return rejected;
        }

        return Decision.Accept(new CadssRecorded(
            state.Id, session.SessionId, command.Items.ToList(),
            Platform.Instruments.InstrumentScorer.Score(Platform.Instruments.InstrumentCode.Cadss6, command.Items).Result!.Total, command.RecordedBy, now));
    }

    /// <summary>
    /// Discharge needs the full monitoring period after the dose and resolved sedation and dissociation.
    /// Emits the discharge and the dosing summary that becomes the <c>DosingSessionCompleted</c> contract.
    /// </summary>
    public static Decision Decide(DischargePatient command, TreatmentCourse? state, DateTimeOffset now, SchedulingProtocol protocol)
    {
        if (!TryInProgressDosing(state, command.SessionId, out var session, out var dosing, out var rejected))
        {
            return rejected;
        }

        var doseStartedAt = dosing.StartedAt;
        var earliest = doseStartedAt.AddMinutes(protocol.DischargeMinimumMinutesAfterDose);
        if (now < earliest)
        {
            return Decision.Reject(
                RuleIds.DischargeTooEarly,
                $"Discharge is allowed from {earliest:u}, {protocol.DischargeMinimumMinutesAfterDose} minutes after the dose started.");
        }

        if (!command.SedationResolved)
        {
            return Decision.Reject(RuleIds.SedationUnresolved, "Sedation has not resolved; keep monitoring.");
        }

        if (!command.DissociationResolved)
        {
            return Decision.Reject(RuleIds.DissociationUnresolved, "Dissociation has not resolved; keep monitoring.");
        }

        DateTimeOffset? remsDue = IsEsketamine(state) ? now.AddDays(protocol.RemsMonitoringDueDays) : null;
        return Decision.Accept(
            new PatientDischarged(
                state.Id, session.SessionId, command.AtDischarge, command.SedationResolved, command.DissociationResolved,
                command.DischargedBy, protocol.Version, now),
            new DosingSessionConcluded(
                state.Id, session.SessionId, state.CompletedDosingCount() + 1, state.Route, dosing.DoseMg, doseStartedAt, now,
                dosing.CheckIn.PreDose, dosing.Record.AtFortyMinutes, command.AtDischarge, dosing.Record.CadssTotal, session.TherapistId,
                session.MedicalProfessionalId ?? dosing.Record.AdministeredBy ?? Guid.Empty, remsDue));
    }

    /// <summary>Esketamine only: the REMS patient monitoring form was submitted. Allowed after the course closed.</summary>
    public static Decision Decide(RecordRemsMonitoring command, TreatmentCourse? state, DateTimeOffset now, SchedulingProtocol protocol)
    {
        if (state is null)
        {
            return Decision.Reject(RuleIds.CourseNotFound, "No course with this id.");
        }

        if (!TryFindSession(state, command.SessionId, dosingOnly: true, out var session, out var missing))
        {
            return missing;
        }

        if (session.Dosing?.RemsMonitoringDueAt is null)
        {
            return Decision.Reject(RuleIds.RemsNotApplicable, "REMS monitoring applies to completed esketamine sessions only.");
        }

        return session.Dosing.RemsMonitoringRecordedAt is not null
            ? Decision.Accept()
            : Decision.Accept(new RemsMonitoringRecorded(state.Id, session.SessionId, command.RecordedBy, now));
    }

    private static List<Rejection> FailedGates(CheckIn checkIn, SchedulingProtocol protocol)
    {
        var failed = new List<Rejection>();
        var bp = checkIn.PreDose;
        if (bp.Systolic > protocol.PreDoseMaxSystolic || bp.Diastolic > protocol.PreDoseMaxDiastolic)
        {
            failed.Add(new Rejection(
                RuleIds.BloodPressureAboveThreshold,
                $"Pre-dose blood pressure {bp.Systolic}/{bp.Diastolic} is above {protocol.PreDoseMaxSystolic}/{protocol.PreDoseMaxDiastolic}."));
        }

        if (!checkIn.FastingConfirmed)
        {
            failed.Add(new Rejection(RuleIds.FastingNotConfirmed, "Fasting (no food 2 h, no liquids 30 min) is not confirmed."));
        }

        if (!checkIn.RideHomeConfirmed)
        {
            failed.Add(new Rejection(RuleIds.RideHomeNotConfirmed, "A ride home is not confirmed; the patient must not drive."));
        }

        return failed;
    }

    /// <summary>The facts every in-progress dosing session has, without null-forgiving at each use.</summary>
    private sealed record StartedDose(DosingRecord Record, CheckIn CheckIn, DateTimeOffset StartedAt, decimal DoseMg);

    private static bool TryInProgressDosing(
        [NotNullWhen(true)] TreatmentCourse? state,
        Guid sessionId,
        [NotNullWhen(true)] out CourseSession? session,
        [NotNullWhen(true)] out StartedDose? dose,
        [NotNullWhen(false)] out Decision? rejection)
    {
        dose = null;
        if (state is null)
        {
            session = null;
            rejection = Decision.Reject(RuleIds.CourseNotFound, "No course with this id.");
            return false;
        }

        if (!TryFindSession(state, sessionId, dosingOnly: true, out session, out rejection))
        {
            return false;
        }

        if (session.Status == SessionStatus.DoseInProgress
            && session.Dosing is { CheckIn: { } checkIn, DoseStartedAt: { } startedAt, DoseMg: { } mg } record)
        {
            dose = new StartedDose(record, checkIn, startedAt, mg);
            rejection = null;
            return true;
        }

        rejection = Decision.Reject(RuleIds.DoseNotStarted, $"The dose has not started in this session (it is {session.Status}).");
        session = null;
        return false;
    }
}
