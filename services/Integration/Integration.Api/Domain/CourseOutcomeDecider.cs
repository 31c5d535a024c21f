using Platform.Contracts;
using Platform.ServiceDefaults.Domain;
using Platform.ServiceDefaults.Protocol;
using Platform.ServiceDefaults.Time;

namespace Integration.Api.Domain;

/// <summary>
/// Pure business rules of the course outcome record. Each overload returns the events to append or the rule that
/// refused; replays of a command already applied (same id) accept with no events so redelivery is harmless.
/// </summary>
public static partial class CourseOutcomeDecider
{
    public static Decision Decide(OpenCourseOutcome command, CourseOutcome? state, ClinicTime now, IntegrationProtocol protocol, ClinicalProtocol clinic)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(protocol);
        if (state is not null)
        {
            return Decision.Accept();
        }

        return Decision.Accept(new CourseOutcomeOpened(
            command.CourseId, command.PatientId, command.Indication, command.Route, command.BaselineScores,
            command.ApprovedAt, command.ScreeningProtocolVersion, protocol.Version, now.Utc));
    }

    /// <summary>
    /// A dose that happened is a fact from Scheduling: it is recorded even on a completed course rather than lost.
    /// </summary>
    public static Decision Decide(RecordDosingSession command, CourseOutcome? state, ClinicTime now, IntegrationProtocol protocol, ClinicalProtocol clinic)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(clinic);
        if (state is null)
        {
            return NotOpen(command.CourseId);
        }

        if (state.DosingSessions.Any(d => d.SessionId == command.SessionId))
        {
            return Decision.Accept();
        }

        if (command.DoseStartedAt < state.ApprovedAt)
        {
            return BeforeCourse("dosing session", command.DoseStartedAt, state);
        }

        return Decision.Accept(new DosingSessionRecorded(
            command.CourseId, command.SessionId, command.DosingNumber, command.Route, command.DoseMg,
            command.DoseStartedAt, command.DischargedAt, Summarise(command, clinic), command.CadssScore,
            command.TherapistId, command.MedicalProfessionalId, now.Utc));
    }

    public static Decision Decide(SetIntentions command, CourseOutcome? state, ClinicTime now, IntegrationProtocol protocol, ClinicalProtocol clinic)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (Refuse(state, command.CourseId, command.SetAt, "intentions") is { } refusal)
        {
            return refusal;
        }

        if (state!.IntentionIds.Contains(command.IntentionsId))
        {
            return Decision.Accept();
        }

        return Decision.Accept(new IntentionsSet(
            command.CourseId, command.IntentionsId, command.ForDosingNumber, command.TherapistId, command.SetAt, command.Intentions));
    }

    public static Decision Decide(HoldIntegrationSession command, CourseOutcome? state, ClinicTime now, IntegrationProtocol protocol, ClinicalProtocol clinic)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (Refuse(state, command.CourseId, command.HeldAt, "integration session") is { } refusal)
        {
            return refusal;
        }

        if (state!.IntegrationSessions.Any(i => i.IntegrationSessionId == command.IntegrationSessionId))
        {
            return Decision.Accept();
        }

        if (command.DosingSessionId is { } dosingId)
        {
            var dosing = state.DosingSessions.FirstOrDefault(d => d.SessionId == dosingId);
            if (dosing is null)
            {
                return Decision.Reject(RuleIds.UnknownDosingSession, $"Dosing session {dosingId} is not recorded for this course.");
            }

            if (command.HeldAt < dosing.DoseStartedAt)
            {
                return Decision.Reject(
                    RuleIds.IntegrationBeforeDosing,
                    $"An integration session follows its dosing session, which started at {dosing.DoseStartedAt:O}.");
            }
        }

        return Decision.Accept(new IntegrationSessionHeld(
            command.CourseId, command.IntegrationSessionId, command.DosingSessionId, command.TherapistId,
            command.HeldAt, command.Themes, command.Notes, now.Utc));
    }

    /// <summary>
    /// Accepted on a completed course too: a follow-up C-SSRS must still be able to place a hold. A high C-SSRS risk
    /// places a hold whenever no hold is active (after a release, a still-high result holds again); a PHQ-9 that
    /// newly crosses the worsening threshold raises one review flag, not one per measurement.
    /// </summary>
    public static Decision Decide(RecordOutcome command, CourseOutcome? state, ClinicTime now, IntegrationProtocol protocol, ClinicalProtocol clinic)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(protocol);
        if (state is null)
        {
            return NotOpen(command.CourseId);
        }

        var scored = command.Scored;
        if (state.Measurements.FirstOrDefault(m => m.MeasurementId == command.MeasurementId) is { } existing)
        {
            return existing.Total == scored.Total && InstrumentNames.Same(existing.Instrument, scored.Instrument)
                ? Decision.Accept()
                : IdConflict("measurement", command.MeasurementId);
        }

        if (command.MeasuredAt < state.ApprovedAt)
        {
            return BeforeCourse("measurement", command.MeasuredAt, state);
        }

        var events = new List<object>
        {
            new OutcomeMeasured(
                command.CourseId, command.MeasurementId, scored.Instrument, scored.Items, scored.Total, scored.Band,
                scored.RiskLevel, command.MeasuredAt, command.RecordedBy),
        };

        if (scored.IsHighSuicideRisk)
        {
            events.Add(SafetyHolds.PlaceOrAdd(state, SafetyHoldTrigger.HighSuicideRisk, SafetyHolds.HighSuicideRiskReason, command.MeasurementId, now.Utc));
        }

        if (NewlyWorsening(state, command, protocol) is { } baseline)
        {
            events.Add(new WorseningReviewFlagRaised(
                command.CourseId, command.MeasurementId, scored.Instrument, baseline, scored.Total, now.Utc));
        }

        return Decision.Accept(events);
    }

    /// <summary>
    /// Stop may end a course early (the usual answer to a serious adverse event); discharge and maintenance need the
    /// full induction series and outcome data, and maintenance cannot be recommended while the course is held.
    /// </summary>
    public static Decision Decide(EvaluateCourse command, CourseOutcome? state, ClinicTime now, IntegrationProtocol protocol, ClinicalProtocol clinic)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(protocol);
        if (state is null)
        {
            return NotOpen(command.CourseId);
        }

        if (state.IsCompleted)
        {
            return Completed(state);
        }

        var classification = OutcomeAnalysis.Classify(state, protocol);
        if (command.Recommendation != CourseRecommendation.Stop)
        {
            var required = clinic.InductionSessionsFor(state.Route);
            if (state.DosingSessions.Count < required)
            {
                return Decision.Reject(
                    RuleIds.EvaluationBeforeInduction,
                    $"The induction series for {state.Route} is {required} dosing sessions; {state.DosingSessions.Count} recorded. Only 'Stop' may end a course early.");
            }

            if (command.Recommendation == CourseRecommendation.Maintenance && state.ActiveHold is not null)
            {
                return Decision.Reject(RuleIds.MaintenanceUnderHold, "Maintenance cannot be recommended while a safety hold is active.");
            }

            if (classification is null)
            {
                return Decision.Reject(
                    RuleIds.EvaluationWithoutOutcomeData,
                    "No instrument with a baseline has been measured since the first dose, so response cannot be computed.");
            }
        }

        // A course stopped before anything could be measured did not show a response.
        var response = classification?.Response ?? CourseResponse.NonResponder;
        return Decision.Accept(
            new CourseEvaluated(
                command.CourseId, response, command.Recommendation, classification?.Instrument,
                classification?.BaselineTotal, classification?.FinalTotal, state.DosingSessions.Count,
                command.EvaluatedBy, now.Utc, command.Rationale),
            new CourseOutcomeCompleted(command.CourseId, state.PatientId, response, command.Recommendation, now.Utc, protocol.Version));
    }

    private static int? NewlyWorsening(CourseOutcome state, RecordOutcome command, IntegrationProtocol protocol)
    {
        if (InstrumentNames.Key(command.Scored.Instrument) != InstrumentNames.Phq9
            || state.BaselineFor(InstrumentNames.Phq9) is not { } baseline
            || !OutcomeAnalysis.IsWorsening(baseline.Total, command.Scored.Total, protocol))
        {
            return null;
        }

        var previous = state.Measurements
            .Where(m => InstrumentNames.Key(m.Instrument) == InstrumentNames.Phq9 && m.MeasuredAt <= command.MeasuredAt)
            .MaxBy(m => m.MeasuredAt);
        var alreadyFlagged = previous is not null && OutcomeAnalysis.IsWorsening(baseline.Total, previous.Total, protocol);
        return alreadyFlagged ? null : baseline.Total;
    }

    private static VitalsSummary Summarise(RecordDosingSession command, ClinicalProtocol clinic)
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

    /// <summary>The common guard for clinical writes that end with the course: open, not completed, not back-dated.</summary>
    private static Decision? Refuse(CourseOutcome? state, Guid courseId, DateTimeOffset at, string what)
    {
        if (state is null)
        {
            return NotOpen(courseId);
        }

        if (state.IsCompleted)
        {
            return Completed(state);
        }

        return at < state.ApprovedAt ? BeforeCourse(what, at, state) : null;
    }

    private static Decision NotOpen(Guid courseId) =>
        Decision.Reject(RuleIds.CourseNotOpen, $"No outcome record is open for course {courseId}.");

    private static Decision Completed(CourseOutcome state) =>
        Decision.Reject(RuleIds.CourseCompleted, $"The course was completed at {state.CompletedAt:O}.");

    private static Decision BeforeCourse(string what, DateTimeOffset at, CourseOutcome state) =>
        Decision.Reject(
            RuleIds.EventBeforeCourse,
            $"The {what} at {at:O} is before the course began ({state.ApprovedAt:O}).");

    private static Decision IdConflict(string what, Guid id) =>
        Decision.Reject(RuleIds.IdConflict, $"A different {what} with id {id} is already recorded.");
}
