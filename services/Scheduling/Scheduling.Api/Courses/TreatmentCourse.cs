using System.Collections.Immutable;

namespace Scheduling.Api.Courses;

public enum CourseStatus
{
    Open,
    Closed,
}

public enum SessionStatus
{
    Booked,

    /// <summary>A preparation or integration session that took place.</summary>
    Held,

    /// <summary>The dose has started; the patient is being monitored.</summary>
    DoseInProgress,

    /// <summary>A dosing session that ended with discharge.</summary>
    Completed,
    Cancelled,
    NoShow,
}

public sealed record CheckIn(VitalsReading PreDose, bool FastingConfirmed, bool RideHomeConfirmed, DateTimeOffset RecordedAt);

/// <summary>Everything recorded during one dosing session.</summary>
public sealed record DosingRecord(
    CheckIn? CheckIn = null,
    string? HoldReason = null,
    decimal? DoseMg = null,
    DateTimeOffset? DoseStartedAt = null,
    Guid? AdministeredBy = null,
    VitalsReading? AtFortyMinutes = null,
    int? CadssTotal = null,
    VitalsReading? AtDischarge = null,
    DateTimeOffset? DischargedAt = null,
    int? DosingNumber = null,
    DateTimeOffset? RemsMonitoringDueAt = null,
    DateTimeOffset? RemsMonitoringRecordedAt = null);

public sealed record CourseSession(
    Guid SessionId,
    SessionKind Kind,
    DateTimeOffset Start,
    DateTimeOffset End,
    Guid TherapistId,
    Guid? MedicalProfessionalId,
    Guid? RoomId,
    int? PlannedDosingNumber,
    SessionStatus Status,
    string? CancellationReason = null,
    bool LateCancellation = false,
    DosingRecord? Dosing = null)
{
    /// <summary>Sessions that happened or still will; cancelled and no-show sessions count for nothing.</summary>
    public bool IsActive => Status is not (SessionStatus.Cancelled or SessionStatus.NoShow);

    public UtcInterval Block => new(Start, End);

    /// <summary>Whether the session already sits this block with these people and room: repeating a booking or a move is a no-op.</summary>
    public bool Sits(DateTimeOffset start, DateTimeOffset end, Guid therapistId, Guid? medicalProfessionalId, Guid? roomId) =>
        Start == start && End == end && TherapistId == therapistId && MedicalProfessionalId == medicalProfessionalId && RoomId == roomId;
}

public sealed record ActiveHold(Guid HoldId, [property: Phi] string Reason, DateTimeOffset PlacedAt);

/// <summary>The Scheduling slice of a treatment course. The stream id is the course id minted by Screening.</summary>
public sealed record TreatmentCourse(
    Guid Id,
    Guid PatientId,
    Indication Indication,
    TreatmentRoute Route,
    DateTimeOffset ApprovedAt,
    DateTimeOffset ApprovalValidUntil,
    IReadOnlyList<ApprovalCondition> Conditions,
    string ScreeningProtocolVersion,
    string ProtocolVersion,
    CoursePlan Plan,
    DateTimeOffset OpenedAt,
    CourseStatus Status,
    Guid? TherapistId,
    Guid? PreparationCompletedWith,
    ImmutableList<CourseSession> Sessions,
    ImmutableList<ActiveHold> ActiveHolds,
    [property: Phi] string? ClosedReason = null,
    Guid? ReScreeningRequiredAfterHold = null) : IPhiRecord
{
    Guid IPhiRecord.PhiSubject => Id;

    /// <summary>The stream version Marten sets on every update, so a read answers with its ETag in one round trip.</summary>
    public long Version { get; set; }

    /// <summary>
    /// Holds a prescriber has released. The hold and its release reach Scheduling on separate messages, so the release
    /// can come first; a hold already released is then never applied (<see cref="ApplySafetyHold"/>).
    /// </summary>
    public ImmutableList<Guid> ReleasedHolds { get; init; } = [];

    /// <summary>Preparation only counts with the therapist who will sit the dosing sessions.</summary>
    public bool IsPreparationComplete => TherapistId is not null && PreparationCompletedWith == TherapistId;

    public bool AnyDoseStarted => Sessions.Any(s => s.Dosing?.DoseStartedAt is not null);

    public bool IsOnHold => !ActiveHolds.IsEmpty;

    public CourseSession? FindSession(Guid sessionId) => Sessions.Find(s => s.SessionId == sessionId);

    public int HeldPreparationWithMatchedTherapist() =>
        Sessions.Count(s => s.Kind == SessionKind.Preparation && s.Status == SessionStatus.Held && s.TherapistId == TherapistId);

    public int CompletedDosingCount() =>
        Sessions.Count(s => s.Kind == SessionKind.Dosing && s.Status == SessionStatus.Completed);

    /// <summary>Esketamine sessions whose REMS monitoring record is past due.</summary>
    public IReadOnlyList<CourseSession> RemsOverdue(DateTimeOffset now) =>
        Sessions
            .Where(s => s.Dosing is { RemsMonitoringDueAt: { } due, RemsMonitoringRecordedAt: null } && due < now)
            .ToList();

    /// <summary>Folds one event into the state; unknown events leave it unchanged.</summary>
    /// <remarks>
    /// Internal on purpose: the JasperFx source generator treats any public <c>Evolve</c> on a type with an
    /// <c>Id</c> as Marten's self-aggregation convention (a different signature) and emits code that does not
    /// compile. The projection in this assembly calls it directly.
    /// </remarks>
    internal static TreatmentCourse? Evolve(TreatmentCourse? state, object @event) =>
        @event switch {
            CourseOpened e => state ?? new TreatmentCourse(
                e.CourseId, e.PatientId, e.Indication, e.Route, e.ApprovedAt, e.ApprovalValidUntil, e.Conditions,
                e.ScreeningProtocolVersion, e.ProtocolVersion, e.Plan, e.OpenedAt, CourseStatus.Open,
                TherapistId: null, PreparationCompletedWith: null, [], []),
            _ when state is null => null,
            TherapistMatched e => state with { TherapistId = e.TherapistId },
            SessionBooked e => state with {
                Sessions = state.Sessions.Add(new CourseSession(
                    e.SessionId, e.Kind, e.Start, e.End, e.TherapistId, e.MedicalProfessionalId, e.RoomId,
                    e.DosingNumber, SessionStatus.Booked, Dosing: e.Kind == SessionKind.Dosing ? new DosingRecord() : null)),
            },
            SessionRescheduled e => Update(state, e.SessionId, s => s with {
                Start = e.Start,
                End = e.End,
                TherapistId = e.TherapistId,
                MedicalProfessionalId = e.MedicalProfessionalId,
                RoomId = e.RoomId,

                // A check-in belongs to the original appointment time.
                Dosing = s.Dosing is null ? null : new DosingRecord(),
            }),
            BookingCancelled e => Update(state, e.SessionId, s => s with {
                Status = SessionStatus.Cancelled,
                CancellationReason = e.Reason,
                LateCancellation = e.LateCancellation,
            }),
            PatientMarkedNoShow e => Update(state, e.SessionId, s => s with { Status = SessionStatus.NoShow }),
            SessionHeld e => Update(state, e.SessionId, s => s with { Status = SessionStatus.Held }),
            PreparationPhaseCompleted e => state with { PreparationCompletedWith = e.TherapistId },
            CheckInRecorded e => UpdateDosing(state, e.SessionId, d => d with {
                CheckIn = new CheckIn(e.PreDose, e.FastingConfirmed, e.RideHomeConfirmed, e.RecordedAt),
                HoldReason = null,
            }),
            DoseHeld e => UpdateDosing(state, e.SessionId, d => d with { HoldReason = e.Reason }),
            DoseStarted e => Update(state, e.SessionId, s => s with {
                Status = SessionStatus.DoseInProgress,
                Dosing = (s.Dosing ?? new DosingRecord()) with {
                    DoseMg = e.DoseMg,
                    DoseStartedAt = e.StartedAt,
                    AdministeredBy = e.AdministeredBy,
                },
            }),
            MonitoringVitalsRecorded e => UpdateDosing(state, e.SessionId, d => d with { AtFortyMinutes = e.Vitals }),
            CadssRecorded e => UpdateDosing(state, e.SessionId, d => d with { CadssTotal = e.Total }),
            PatientDischarged e => UpdateDosing(state, e.SessionId, d => d with {
                AtDischarge = e.AtDischarge,
                DischargedAt = e.DischargedAt,
            }),
            DosingSessionConcluded e => Update(state, e.SessionId, s => s with {
                Status = SessionStatus.Completed,
                Dosing = (s.Dosing ?? new DosingRecord()) with {
                    DosingNumber = e.DosingNumber,
                    RemsMonitoringDueAt = e.RemsMonitoringDueAt,
                },
            }),
            RemsMonitoringRecorded e => UpdateDosing(state, e.SessionId, d => d with { RemsMonitoringRecordedAt = e.RecordedAt }),
            SafetyHoldApplied e => state.ActiveHolds.Exists(h => h.HoldId == e.HoldId) || state.ReleasedHolds.Contains(e.HoldId)
                ? state
                : state with { ActiveHolds = state.ActiveHolds.Add(new ActiveHold(e.HoldId, e.Reason, e.PlacedAt)) },
            SafetyHoldLifted e => state with {
                ActiveHolds = state.ActiveHolds.RemoveAll(h => h.HoldId == e.HoldId),
                ReleasedHolds = state.ReleasedHolds.Contains(e.HoldId) ? state.ReleasedHolds : state.ReleasedHolds.Add(e.HoldId),

                // A hold closes the approval: once released without the waiver, the course never doses again.
                ReScreeningRequiredAfterHold = state.ReScreeningRequiredAfterHold ?? (e.ReScreeningWaived ? null : e.HoldId),
            },
            TreatmentCourseClosed e => state with { Status = CourseStatus.Closed, ClosedReason = e.Reason },
            _ => state,
        };

    private static TreatmentCourse Update(TreatmentCourse state, Guid sessionId, Func<CourseSession, CourseSession> change)
    {
        var index = state.Sessions.FindIndex(s => s.SessionId == sessionId);
        return index < 0 ? state : state with { Sessions = state.Sessions.SetItem(index, change(state.Sessions[index])) };
    }

    private static TreatmentCourse UpdateDosing(TreatmentCourse state, Guid sessionId, Func<DosingRecord, DosingRecord> change) =>
        Update(state, sessionId, s => s with { Dosing = change(s.Dosing ?? new DosingRecord()) });
}
