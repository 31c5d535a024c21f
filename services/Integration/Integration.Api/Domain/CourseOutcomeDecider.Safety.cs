using Platform.Contracts;
using Platform.ServiceDefaults.Domain;
using Platform.ServiceDefaults.Protocol;
using Platform.ServiceDefaults.Time;

namespace Integration.Api.Domain;

// Safety writes stay open after completion: an adverse event or a pregnancy reported late must still be recorded and
// still hold the course (Screening uses the hold to flag the patient for re-screening).
public static partial class CourseOutcomeDecider
{
    public static Decision Decide(RecordAdverseEvent command, CourseOutcome? state, ClinicTime now, IntegrationProtocol protocol, ClinicalProtocol clinic)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (state is null)
        {
            return NotOpen(command.CourseId);
        }

        if (state.AdverseEvents.FirstOrDefault(a => a.AdverseEventId == command.AdverseEventId) is { } existing)
        {
            // A replay is harmless; the same id with another type or date would silently drop a report.
            return existing.Type == command.Type && existing.OccurredAt == command.OccurredAt
                ? Decision.Accept()
                : IdConflict("adverse event", command.AdverseEventId);
        }

        if (command.OccurredAt < state.ApprovedAt)
        {
            return BeforeCourse("adverse event", command.OccurredAt, state);
        }

        if (command.DosingSessionId is { } dosingId && state.DosingSessions.All(d => d.SessionId != dosingId))
        {
            return Decision.Reject(RuleIds.UnknownDosingSession, $"Dosing session {dosingId} is not recorded for this course.");
        }

        var recorded = new AdverseEventRecorded(
            command.CourseId, command.AdverseEventId, command.Type, command.Severity, command.OccurredAt,
            command.OnsetMinutesAfterDose, command.DosingSessionId, command.Description, command.ActionTaken,
            command.Outcome, command.RecordedBy, now.Utc);
        return command.Severity.PlacesHold()
            ? Decision.Accept(recorded, SafetyHolds.PlaceOrAdd(
                state, SafetyHoldTrigger.AdverseEvent, SafetyHolds.AdverseEventReason(command.Type, command.Severity), command.AdverseEventId, now.Utc))
            : Decision.Accept(recorded);
    }

    /// <summary>Grading up to severe or serious holds the course; grading down never releases a hold (a prescriber does).</summary>
    public static Decision Decide(GradeAdverseEvent command, CourseOutcome? state, ClinicTime now, IntegrationProtocol protocol, ClinicalProtocol clinic)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (state is null)
        {
            return NotOpen(command.CourseId);
        }

        var existing = state.AdverseEvents.FirstOrDefault(a => a.AdverseEventId == command.AdverseEventId);
        if (existing is null)
        {
            return Decision.Reject(RuleIds.UnknownAdverseEvent, $"Adverse event {command.AdverseEventId} is not recorded for this course.");
        }

        if (existing.Severity == command.Severity)
        {
            return Decision.Accept();
        }

        var graded = new AdverseEventGraded(
            command.CourseId, command.AdverseEventId, existing.Severity, command.Severity, command.Reason, command.GradedBy, now.Utc);
        return command.Severity.PlacesHold() && !existing.Severity.PlacesHold()
            ? Decision.Accept(graded, SafetyHolds.PlaceOrAdd(
                state, SafetyHoldTrigger.AdverseEvent, SafetyHolds.AdverseEventReason(existing.Type, command.Severity), command.AdverseEventId, now.Utc))
            : Decision.Accept(graded);
    }

    public static Decision Decide(ReportPregnancy command, CourseOutcome? state, ClinicTime now, IntegrationProtocol protocol, ClinicalProtocol clinic)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (state is null)
        {
            return NotOpen(command.CourseId);
        }

        if (state.PregnancyReportIds.Contains(command.ReportId))
        {
            return Decision.Accept();
        }

        if (command.ReportedAt < state.ApprovedAt)
        {
            return BeforeCourse("pregnancy report", command.ReportedAt, state);
        }

        return Decision.Accept(
            new PregnancyReported(command.CourseId, command.ReportId, command.ReportedAt, command.ReportedBy, command.Note),
            SafetyHolds.PlaceOrAdd(state, SafetyHoldTrigger.Pregnancy, SafetyHolds.PregnancyReason, command.ReportId, now.Utc));
    }

    public static Decision Decide(ReleaseHold command, CourseOutcome? state, ClinicTime now, IntegrationProtocol protocol, ClinicalProtocol clinic)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (state is null)
        {
            return NotOpen(command.CourseId);
        }

        if (string.IsNullOrWhiteSpace(command.Justification))
        {
            return Decision.Reject(RuleIds.HoldJustificationRequired, "Releasing a safety hold requires the prescriber's justification.");
        }

        var hold = command.HoldId is { } holdId
            ? state.Holds.FirstOrDefault(h => h.HoldId == holdId && h.IsActive)
            : state.ActiveHold;
        if (hold is null)
        {
            return Decision.Reject(
                RuleIds.NoActiveHold,
                command.HoldId is { } id ? $"Hold {id} is not an active hold of this course." : "The course has no active safety hold.");
        }

        return Decision.Accept(new HoldReleased(
            command.CourseId, state.PatientId, hold.HoldId, command.Justification.Trim(), command.PrescriberId, now.Utc));
    }
}
