namespace Integration.Api.Courses;

/// <summary>Adds a completed dosing session (dose, times, vitals summary) to the record; driven by Scheduling's message.</summary>
/// <remarks>The command is Scheduling's message itself: it carries every fact this record keeps.</remarks>
public static class RecordDosingSession
{
    /// <summary>
    /// A dose that happened is a fact from Scheduling: it is recorded even on a completed course rather than lost.
    /// </summary>
    public static Decision Decide(DosingSessionCompleted command, CourseOutcome? state, ClinicTime now, IntegrationProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!CourseRefusals.Exists(state, command.CourseId, out var refused))
        {
            return refused;
        }

        if (state.DosingSessions.Any(d => d.SessionId == command.SessionId))
        {
            return Decision.Accept();
        }

        if (command.DoseStartedAt < state.ApprovedAt)
        {
            return CourseRefusals.BeforeCourse("dosing session", command.DoseStartedAt, state);
        }

        var summary = Summarise(command, protocol.Clinic);
        var recorded = new DosingSessionRecorded(
            command.CourseId, command.SessionId, command.DosingNumber, command.Route, command.DoseMg,
            command.DoseStartedAt, command.DischargedAt, summary, command.CadssScore,
            command.TherapistId, command.MedicalProfessionalId, now.Utc);
        return summary.BloodPressureRiseCriterionMet ? Decision.Accept(recorded, BloodPressureRise(command, now)) : Decision.Accept(recorded);
    }

    /// <summary>
    /// A rise over the clinic's threshold is an adverse event, not only a flag, so it is in the register and the hold
    /// rules apply to it: recorded as moderate (no automatic hold) for a medical professional or prescriber to grade.
    /// The id is derived from the session so a redelivered message cannot record it twice.
    /// </summary>
    private static AdverseEventRecorded BloodPressureRise(DosingSessionCompleted command, ClinicTime now)
    {
        var at = command.AtFortyMinutes?.TakenAt ?? command.DischargedAt;
        return new AdverseEventRecorded(
            command.CourseId, IdempotencyKey.ToStreamId("bp-rise", command.SessionId.ToString()), AdverseEventType.BloodPressureRise,
            AdverseEventSeverity.Moderate, at, (int)Math.Round((at - command.DoseStartedAt).TotalMinutes), command.SessionId,
            Description: null, "Recorded from the dosing session's vitals; grade it if it needs a safety hold.", "Discharged",
            command.MedicalProfessionalId, now.Utc);
    }

    /// <summary>The peak over the readings, flagged when it rose over pre-dose by the shared clinic threshold.</summary>
    private static VitalsSummary Summarise(DosingSessionCompleted command, ClinicalProtocol clinic)
    {
        VitalsReading[] readings = command.AtFortyMinutes is { } forty
            ? [command.PreDose, forty, command.AtDischarge]
            : [command.PreDose, command.AtDischarge];
        var peakSystolic = readings.Max(r => r.Systolic);
        var peakDiastolic = readings.Max(r => r.Diastolic);
        var rise = clinic.IsBloodPressureRise(command.PreDose.Systolic, command.PreDose.Diastolic, peakSystolic, peakDiastolic);
        return new VitalsSummary(
            command.PreDose.Systolic, command.PreDose.Diastolic, peakSystolic, peakDiastolic,
            command.AtDischarge.Systolic, command.AtDischarge.Diastolic, command.AtDischarge.HeartRate, rise);
    }
}
