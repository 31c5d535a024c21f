namespace Platform.Contracts;

// Integration events published by Scheduling.

[MessageUrn("kap:scheduling:preparation-completed.v1")]
public sealed record PreparationCompleted(
    Guid CourseId,
    Guid TherapistId,
    int SessionsHeld,
    DateTimeOffset CompletedAt);

[MessageUrn("kap:scheduling:dosing-session-completed.v1")]
public sealed record DosingSessionCompleted(
    Guid CourseId,
    Guid SessionId,
    int DosingNumber,
    TreatmentRoute Route,
    decimal DoseMg,
    DateTimeOffset DoseStartedAt,
    DateTimeOffset DischargedAt,
    VitalsReading PreDose,
    VitalsReading? AtFortyMinutes,
    VitalsReading AtDischarge,
    int? CadssScore,
    Guid TherapistId,
    Guid MedicalProfessionalId);

/// <summary>
/// A dose started in session <paramref name="SessionId"/>. Published at the start (not only on completion) so Integration
/// knows the session while it is in progress: an adverse event during the dose can name it.
/// </summary>
[MessageUrn("kap:scheduling:dosing-started.v1")]
public sealed record DosingStarted(
    Guid CourseId,
    Guid SessionId,
    DateTimeOffset StartedAt);

[MessageUrn("kap:scheduling:session-cancelled.v1")]
public sealed record SessionCancelled(
    Guid CourseId,
    Guid SessionId,
    SessionKind Kind,
    DateTimeOffset ScheduledStart,
    [property: Phi] string Reason,
    bool LateCancellation,
    DateTimeOffset CancelledAt) : IPhiRecord
{
    Guid IPhiRecord.PhiSubject => CourseId;
}

[MessageUrn("kap:scheduling:patient-no-show.v1")]
public sealed record PatientNoShow(
    Guid CourseId,
    Guid SessionId,
    SessionKind Kind,
    DateTimeOffset ScheduledStart,
    DateTimeOffset RecordedAt);

[MessageUrn("kap:scheduling:course-closed.v1")]
public sealed record CourseClosed(
    Guid CourseId,
    [property: Phi] string Reason,
    DateTimeOffset ClosedAt) : IPhiRecord
{
    Guid IPhiRecord.PhiSubject => CourseId;
}
