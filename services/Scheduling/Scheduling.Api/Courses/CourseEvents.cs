namespace Scheduling.Api.Courses;

// Events of the TreatmentCourse stream. Names that would clash with the integration contracts in
// Platform.Contracts (SessionCancelled, PreparationCompleted, DosingSessionCompleted, CourseClosed) are
// deliberately different, so the relay can use both namespaces without aliases.

public sealed record CourseOpened(
    Guid CourseId,
    Guid PatientId,
    Indication Indication,
    TreatmentRoute Route,
    DateTimeOffset ApprovedAt,
    DateTimeOffset ApprovalValidUntil,
    IReadOnlyList<ApprovalCondition> Conditions,
    string ScreeningProtocolVersion,
    string ProtocolVersion,
    CoursePlan Plan,
    DateTimeOffset OpenedAt);

public sealed record TherapistMatched(Guid CourseId, Guid TherapistId, Guid? PreviousTherapistId, DateTimeOffset MatchedAt);

public sealed record SessionBooked(
    Guid CourseId,
    Guid SessionId,
    SessionKind Kind,
    DateTimeOffset Start,
    DateTimeOffset End,
    Guid TherapistId,
    Guid? MedicalProfessionalId,
    Guid? RoomId,
    int? DosingNumber,
    string ProtocolVersion,
    DateTimeOffset BookedAt);

public sealed record SessionRescheduled(
    Guid CourseId,
    Guid SessionId,
    SessionKind Kind,
    DateTimeOffset PreviousStart,
    DateTimeOffset Start,
    DateTimeOffset End,
    Guid TherapistId,
    Guid? MedicalProfessionalId,
    Guid? RoomId,
    string ProtocolVersion,
    DateTimeOffset RescheduledAt);

public enum CancellationInitiator
{
    Patient,
    Clinic,
    SafetyHold,
    CourseClosure,
}

/// <summary>Maps to the <c>SessionCancelled</c> integration contract.</summary>
public sealed record BookingCancelled(
    Guid CourseId,
    Guid SessionId,
    SessionKind Kind,
    DateTimeOffset ScheduledStart,
    [property: Phi] string Reason,
    CancellationInitiator InitiatedBy,
    bool LateCancellation,
    Guid? SafetyHoldId,
    string ProtocolVersion,
    DateTimeOffset CancelledAt) : IPhiRecord
{
    Guid IPhiRecord.PhiSubject => CourseId;
}

public sealed record PatientMarkedNoShow(
    Guid CourseId,
    Guid SessionId,
    SessionKind Kind,
    DateTimeOffset ScheduledStart,
    DateTimeOffset RecordedAt);

/// <summary>A preparation or integration session took place.</summary>
public sealed record SessionHeld(Guid CourseId, Guid SessionId, SessionKind Kind, Guid TherapistId, DateTimeOffset HeldAt);

/// <summary>Maps to the <c>PreparationCompleted</c> integration contract.</summary>
public sealed record PreparationPhaseCompleted(Guid CourseId, Guid TherapistId, int SessionsHeld, DateTimeOffset CompletedAt);

public sealed record CheckInRecorded(
    Guid CourseId,
    Guid SessionId,
    VitalsReading PreDose,
    bool FastingConfirmed,
    bool RideHomeConfirmed,
    Guid RecordedBy,
    DateTimeOffset RecordedAt);

/// <summary>The dose may not start for now; the failed gates are kept so the hold can be explained.</summary>
public sealed record DoseHeld(
    Guid CourseId,
    Guid SessionId,
    IReadOnlyList<string> RuleIds,
    [property: Phi] string Reason,
    string ProtocolVersion,
    DateTimeOffset HeldAt) : IPhiRecord
{
    Guid IPhiRecord.PhiSubject => CourseId;
}

public sealed record DoseStarted(
    Guid CourseId,
    Guid SessionId,
    decimal DoseMg,
    Guid AdministeredBy,
    string ProtocolVersion,
    DateTimeOffset StartedAt);

public sealed record MonitoringVitalsRecorded(
    Guid CourseId,
    Guid SessionId,
    VitalsReading Vitals,
    int MinutesAfterDose,
    bool BloodPressureRiseOverPreDose,
    Guid RecordedBy);

public sealed record CadssRecorded(
    Guid CourseId,
    Guid SessionId,
    IReadOnlyList<int> Items,
    int Total,
    Guid RecordedBy,
    DateTimeOffset RecordedAt);

public sealed record PatientDischarged(
    Guid CourseId,
    Guid SessionId,
    VitalsReading AtDischarge,
    bool SedationResolved,
    bool DissociationResolved,
    Guid DischargedBy,
    string ProtocolVersion,
    DateTimeOffset DischargedAt);

/// <summary>
/// The whole dosing session in one event so the relay can publish the <c>DosingSessionCompleted</c>
/// contract without reading the stream back.
/// </summary>
public sealed record DosingSessionConcluded(
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
    Guid MedicalProfessionalId,
    DateTimeOffset? RemsMonitoringDueAt);

public sealed record RemsMonitoringRecorded(Guid CourseId, Guid SessionId, Guid RecordedBy, DateTimeOffset RecordedAt);

public sealed record SafetyHoldApplied(Guid CourseId, Guid HoldId, [property: Phi] string Reason, DateTimeOffset PlacedAt, DateTimeOffset AppliedAt) : IPhiRecord
{
    Guid IPhiRecord.PhiSubject => CourseId;
}

/// <summary>
/// <paramref name="ReScreeningWaived"/>: the prescriber stated re-screening is not needed. Without it the course may not
/// dose again (a new screening and sign-off, hence a new course). Events stored before it existed read as false.
/// </summary>
public sealed record SafetyHoldLifted(Guid CourseId, Guid HoldId, DateTimeOffset ReleasedAt, bool ReScreeningWaived = false);

/// <summary>Maps to the <c>CourseClosed</c> integration contract.</summary>
public sealed record TreatmentCourseClosed(Guid CourseId, [property: Phi] string Reason, DateTimeOffset ClosedAt) : IPhiRecord
{
    Guid IPhiRecord.PhiSubject => CourseId;
}
