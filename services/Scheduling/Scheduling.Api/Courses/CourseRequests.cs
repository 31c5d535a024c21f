using Platform.Contracts;
using Scheduling.Api.Domain;

namespace Scheduling.Api.Courses;

public sealed record MatchTherapistRequest(Guid TherapistId);

public sealed record CloseCourseRequest(string Reason);

/// <summary>
/// The therapist defaults to the course's matched therapist. Send <c>sessionId</c> (or an Idempotency-Key
/// header) to make a retried request safe.
/// </summary>
public sealed record BookSessionRequest(
    SessionKind Kind,
    DateTimeOffset Start,
    DateTimeOffset End,
    Guid? TherapistId = null,
    Guid? MedicalProfessionalId = null,
    Guid? RoomId = null,
    Guid? SessionId = null);

/// <summary>Resources not sent stay as booked.</summary>
public sealed record RescheduleSessionRequest(
    DateTimeOffset Start,
    DateTimeOffset End,
    Guid? TherapistId = null,
    Guid? MedicalProfessionalId = null,
    Guid? RoomId = null);

public sealed record CancelSessionRequest(string Reason, CancellationInitiator InitiatedBy = CancellationInitiator.Clinic);

public sealed record CheckInRequest(VitalsReading PreDose, bool FastingConfirmed, bool RideHomeConfirmed);

public sealed record StartDoseRequest(decimal DoseMg);

public sealed record VitalsRequest(VitalsReading Vitals);

public sealed record CadssRequest(IReadOnlyList<int> Items);

public sealed record DischargeRequest(
    VitalsReading AtDischarge, bool SedationResolved, bool DissociationResolved);

