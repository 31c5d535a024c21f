using Platform.Testing;

namespace Scheduling.Tests;

/// <summary>A small world: one course, one therapist, one CRNA, one room, all available all year.</summary>
internal static class Given
{
    /// <summary>Monday 3 March 2025, 14:00 UTC (09:00 in New York).</summary>
    public static readonly DateTimeOffset Now = new(2025, 3, 3, 14, 0, 0, TimeSpan.Zero);

    public static readonly SchedulingProtocol Protocol = SchedulingProtocol.Default;

    /// <summary>The clinic clock read at an instant, in the clinic's zone (America/New_York by default).</summary>
    public static ClinicTime At(DateTimeOffset utc) => ClinicTime.At(utc, Protocol.ResolveTimeZone());
    public static readonly Guid CourseId = Guid.Parse("00000000-0000-0000-0000-0000000000c1");
    public static readonly Guid PatientId = Guid.Parse("00000000-0000-0000-0000-0000000000a1");
    public static readonly Guid TherapistId = Guid.Parse("00000000-0000-0000-0000-000000000071");
    public static readonly Guid OtherTherapistId = Guid.Parse("00000000-0000-0000-0000-000000000072");
    public static readonly Guid MedicalId = Guid.Parse("00000000-0000-0000-0000-0000000000e1");
    public static readonly Guid RoomId = Guid.Parse("00000000-0000-0000-0000-0000000000f1");
    public static readonly DateOnly FarFuture = new(2030, 1, 1);

    public static IReadOnlyList<UtcInterval> AllYear { get; } = [new UtcInterval(Now.AddYears(-1), Now.AddYears(1))];

    public static StaffMember Therapist(Guid? id = null) =>
        new(id ?? TherapistId, "Tess", StaffRole.Therapist, null, [new Credential(CredentialKind.License, FarFuture, "T-1")]);

    public static StaffMember Medical(DateOnly? aclsExpires = null, DateOnly? licenceExpires = null) =>
        new(MedicalId, "Cora", StaffRole.MedicalProfessional, MedicalKind.Crna,
            [new Credential(CredentialKind.License, licenceExpires ?? FarFuture, "N-1"), new Credential(CredentialKind.Acls, aclsExpires ?? FarFuture)]);

    public static Room Room() => new(RoomId, "Room 1");

    public static BookingResources DosingResources(
        StaffMember? therapist = null,
        StaffMember? medical = null,
        IReadOnlyList<UtcInterval>? therapistAvailability = null,
        IReadOnlyList<UtcInterval>? medicalAvailability = null,
        IReadOnlyList<UtcInterval>? roomAvailability = null) =>
        new(
            new StaffFacts(therapist ?? Therapist(), therapistAvailability ?? AllYear),
            new StaffFacts(medical ?? Medical(), medicalAvailability ?? AllYear),
            new RoomFacts(Room(), roomAvailability ?? AllYear));

    public static BookingResources TherapyResources(StaffMember? therapist = null) =>
        new(new StaffFacts(therapist ?? Therapist(), AllYear));

    /// <summary>The approval as the opening consumer sees it (v2; a v1 is upcast to it).</summary>
    public static PatientApprovedForTreatmentV2 Approval(TreatmentRoute route = TreatmentRoute.IvKetamine, DateTimeOffset? validUntil = null) =>
        PatientApprovedForTreatmentV2.From(ContractBuilders.Approval(
            CourseId, Now.AddDays(-1), route: route, baselineScores: [], validUntil: validUntil ?? Now.AddDays(90), patientId: PatientId,
            protocolVersion: "screening-1"));

    public static TreatmentCourse Opened(TreatmentRoute route = TreatmentRoute.IvKetamine, DateTimeOffset? validUntil = null) =>
        Apply(null, OpenCourse.Decide(new OpenCourse(Approval(route, validUntil)), null, At(Now.AddDays(-1)), Protocol));

    public static TreatmentCourse Matched(TreatmentRoute route = TreatmentRoute.IvKetamine, DateTimeOffset? validUntil = null) =>
        Apply(Opened(route, validUntil), new TherapistMatched(CourseId, TherapistId, null, Now.AddDays(-1)));

    /// <summary>Two preparation sessions held last week with the matched therapist.</summary>
    public static TreatmentCourse Prepared(TreatmentRoute route = TreatmentRoute.IvKetamine, DateTimeOffset? validUntil = null)
    {
        var course = Matched(route, validUntil);
        for (var i = 0; i < 2; i++)
        {
            var id = Guid.NewGuid();
            var start = Now.AddDays(-7 + i);
            course = Apply(
                course,
                new SessionBooked(CourseId, id, SessionKind.Preparation, start, start.AddHours(1), TherapistId, null, null, null, "v", start.AddDays(-1)),
                new SessionHeld(CourseId, id, SessionKind.Preparation, TherapistId, start.AddHours(1)));
        }

        return Apply(course, new PreparationPhaseCompleted(CourseId, TherapistId, 2, Now.AddDays(-6)));
    }

    public static BookSession Dosing(Guid id, DateTimeOffset start, int minutes = 120) =>
        new(id, SessionKind.Dosing, start, start.AddMinutes(minutes), TherapistId, MedicalId, RoomId);

    public static TreatmentCourse Apply(TreatmentCourse? state, params object[] events) =>
        events.Aggregate(state, TreatmentCourse.Evolve)!;

    public static TreatmentCourse Apply(TreatmentCourse? state, Decision decision)
    {
        Assert.False(decision.IsRejected, decision.Rejection?.ToString());
        return Apply(state, decision.Events.ToArray());
    }

    /// <summary>Books a dosing session at <paramref name="start"/> as if now were just before it.</summary>
    public static TreatmentCourse BookDosing(TreatmentCourse course, Guid id, DateTimeOffset start) =>
        Apply(course, new SessionBooked(CourseId, id, SessionKind.Dosing, start, start.AddHours(2), TherapistId, MedicalId, RoomId, null, "v", Now));

    /// <summary>A dosing session with a passing check-in and the dose started at <paramref name="doseAt"/>.</summary>
    public static TreatmentCourse DoseStartedAt(TreatmentCourse course, Guid id, DateTimeOffset doseAt) =>
        Apply(
            BookDosing(course, id, doseAt),
            new CheckInRecorded(CourseId, id, new VitalsReading(120, 80, 70, doseAt), true, true, MedicalId, doseAt),
            new DoseStarted(CourseId, id, 35m, MedicalId, "v", doseAt));

    /// <summary>The 40-minute monitoring reading of a started dose, so the session can be discharged.</summary>
    public static TreatmentCourse Monitored(TreatmentCourse course, Guid id, DateTimeOffset doseAt) =>
        Apply(course, new MonitoringVitalsRecorded(CourseId, id, new VitalsReading(130, 82, 72, doseAt.AddMinutes(40)), 40, false, MedicalId));

    public static void Rejected(Decision decision, string ruleId)
    {
        Assert.True(decision.IsRejected, $"expected {ruleId} but the command was accepted");
        Assert.Equal(ruleId, decision.Rejection!.RuleId);
    }

    public static void Accepted(Decision decision) =>
        Assert.False(decision.IsRejected, decision.Rejection?.ToString());
}
