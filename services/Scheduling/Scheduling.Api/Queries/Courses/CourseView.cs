namespace Scheduling.Api.Queries;

/// <summary>
/// Scheduling's view of one course, as <c>GET /courses/{courseId}</c> answers it. Declared field by field: a field
/// added to the write model (<see cref="TreatmentCourse"/>) is not published until someone adds it here.
/// </summary>
public sealed record CourseView(
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
    bool IsPreparationComplete,
    bool IsOnHold,
    IReadOnlyList<SessionView> Sessions,
    IReadOnlyList<HoldView> ActiveHolds,
    string? ClosedReason,
    Guid? ReScreeningRequiredAfterHold,
    long Version)
{
    public SessionView? FindSession(Guid sessionId) => Sessions.FirstOrDefault(s => s.SessionId == sessionId);

    public static CourseView From(TreatmentCourse course)
    {
        ArgumentNullException.ThrowIfNull(course);
        return new CourseView(
            course.Id,
            course.PatientId,
            course.Indication,
            course.Route,
            course.ApprovedAt,
            course.ApprovalValidUntil,
            course.Conditions,
            course.ScreeningProtocolVersion,
            course.ProtocolVersion,
            course.Plan,
            course.OpenedAt,
            course.Status,
            course.TherapistId,
            course.IsPreparationComplete,
            course.IsOnHold,
            [.. course.Sessions.Select(SessionView.From)],
            [.. course.ActiveHolds.Select(h => new HoldView(h.HoldId, h.Reason, h.PlacedAt))],
            course.ClosedReason,
            course.ReScreeningRequiredAfterHold,
            course.Version);
    }
}

public sealed record SessionView(
    Guid SessionId,
    SessionKind Kind,
    DateTimeOffset Start,
    DateTimeOffset End,
    Guid TherapistId,
    Guid? MedicalProfessionalId,
    Guid? RoomId,
    int? PlannedDosingNumber,
    SessionStatus Status,
    string? CancellationReason,
    bool LateCancellation,
    DosingView? Dosing)
{
    public static SessionView From(CourseSession s) =>
        new(s.SessionId, s.Kind, s.Start, s.End, s.TherapistId, s.MedicalProfessionalId, s.RoomId, s.PlannedDosingNumber, s.Status,
            s.CancellationReason, s.LateCancellation, s.Dosing is { } d ? DosingView.From(d) : null);
}

/// <summary>What was recorded during one dosing session, as the clinic's systems read it.</summary>
public sealed record DosingView(
    VitalsReading? PreDose,
    bool? FastingConfirmed,
    bool? RideHomeConfirmed,
    DateTimeOffset? CheckedInAt,
    string? HoldReason,
    decimal? DoseMg,
    DateTimeOffset? DoseStartedAt,
    Guid? AdministeredBy,
    VitalsReading? AtFortyMinutes,
    int? CadssTotal,
    VitalsReading? AtDischarge,
    DateTimeOffset? DischargedAt,
    int? DosingNumber,
    DateTimeOffset? RemsMonitoringDueAt,
    DateTimeOffset? RemsMonitoringRecordedAt)
{
    public static DosingView From(DosingRecord d) =>
        new(d.CheckIn?.PreDose, d.CheckIn?.FastingConfirmed, d.CheckIn?.RideHomeConfirmed, d.CheckIn?.RecordedAt, d.HoldReason, d.DoseMg,
            d.DoseStartedAt, d.AdministeredBy, d.AtFortyMinutes, d.CadssTotal, d.AtDischarge, d.DischargedAt, d.DosingNumber,
            d.RemsMonitoringDueAt, d.RemsMonitoringRecordedAt);
}

public sealed record HoldView(Guid HoldId, string Reason, DateTimeOffset PlacedAt);
