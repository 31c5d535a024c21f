using Platform.Contracts;

namespace Scheduling.Api.Domain;

public sealed record OpenCourse(PatientApprovedForTreatment Approval);

public sealed record MatchTherapist(Guid TherapistId);

public sealed record BookSession(
    Guid SessionId,
    SessionKind Kind,
    DateTimeOffset Start,
    DateTimeOffset End,
    Guid TherapistId,
    Guid? MedicalProfessionalId = null,
    Guid? RoomId = null);

public sealed record RescheduleSession(
    Guid SessionId,
    DateTimeOffset Start,
    DateTimeOffset End,
    Guid TherapistId,
    Guid? MedicalProfessionalId = null,
    Guid? RoomId = null);

public sealed record CancelSession(Guid SessionId, string Reason, CancellationInitiator InitiatedBy);

public sealed record MarkNoShow(Guid SessionId);

/// <summary>A preparation or integration session took place.</summary>
public sealed record MarkSessionHeld(Guid SessionId);

public sealed record RecordCheckIn(
    Guid SessionId,
    VitalsReading PreDose,
    bool FastingConfirmed,
    bool RideHomeConfirmed,
    Guid RecordedBy);

public sealed record StartDose(Guid SessionId, decimal DoseMg, Guid AdministeredBy);

/// <summary>The reading around 40 minutes after the dose.</summary>
public sealed record RecordMonitoringVitals(Guid SessionId, VitalsReading Vitals, Guid RecordedBy);

public sealed record RecordCadss(Guid SessionId, IReadOnlyList<int> Items, Guid RecordedBy);

public sealed record DischargePatient(
    Guid SessionId,
    VitalsReading AtDischarge,
    bool SedationResolved,
    bool DissociationResolved,
    Guid DischargedBy);

public sealed record RecordRemsMonitoring(Guid SessionId, Guid RecordedBy);

public sealed record ApplySafetyHold(Guid HoldId, string Reason, DateTimeOffset PlacedAt);

public sealed record LiftSafetyHold(Guid HoldId, DateTimeOffset ReleasedAt);

public sealed record CloseCourse(string Reason);
