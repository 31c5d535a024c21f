namespace Scheduling.Api.Queries;

public sealed record KindProgress(SessionKind Kind, int Planned, int Booked, int Held, int Remaining);

/// <summary>What should be booked next, not before when, and (for integration) due by when.</summary>
public sealed record NextDue(SessionKind Kind, DateTimeOffset NotBefore, DateTimeOffset? DueBy);

/// <summary>A course against its plan, per kind, and what is due next: computed on read, since "due" depends on the clock.</summary>
public sealed record CourseProgress(
    KindProgress Preparation,
    KindProgress Dosing,
    KindProgress Integration,
    bool PreparationComplete,
    NextDue? NextDue);

public static class CourseProgressCalculator
{
    /// <summary>
    /// "Booked" counts upcoming sessions still to happen; "held" counts what took place (a dosing session
    /// counts once the patient is discharged). Dosing beyond the induction count is maintenance and does not
    /// make "remaining" negative.
    /// </summary>
    public static CourseProgress Calculate(TreatmentCourse course, DateTimeOffset now, SchedulingProtocol protocol)
    {
        var plan = course.Plan;
        var prepHeld = course.HeldPreparationWithMatchedTherapist();
        var prep = Progress(course, SessionKind.Preparation, plan.PreparationSessions, prepHeld);
        var dosing = Progress(course, SessionKind.Dosing, plan.InductionDosingSessions, course.CompletedDosingCount());
        var integrationHeld = course.Sessions.Count(s => s.Kind == SessionKind.Integration && s.Status == SessionStatus.Held);
        var integration = Progress(course, SessionKind.Integration, plan.IntegrationSessions, integrationHeld);

        return new CourseProgress(prep, dosing, integration, course.IsPreparationComplete, NextDueFor(course, now, protocol, prep, dosing));
    }

    private static KindProgress Progress(TreatmentCourse course, SessionKind kind, int planned, int held)
    {
        var booked = course.Sessions.Count(s => s.Kind == kind && s.Status == SessionStatus.Booked);
        return new KindProgress(kind, planned, booked, held, Math.Max(0, planned - held));
    }

    private static NextDue? NextDueFor(
        TreatmentCourse course, DateTimeOffset now, SchedulingProtocol protocol, KindProgress prep, KindProgress dosing)
    {
        if (course.Status == CourseStatus.Closed)
        {
            return null;
        }

        // An integration session is owed for every discharge that has none booked or held after it.
        var discharges = course.Sessions
            .Where(s => s.Kind == SessionKind.Dosing && s.Dosing?.DischargedAt is not null)
            .Select(s => s.Dosing!.DischargedAt!.Value)
            .OrderBy(t => t)
            .ToList();
        var integrations = course.Sessions.Count(s => s.Kind == SessionKind.Integration && s.IsActive);
        if (discharges.Count > integrations)
        {
            var owedFor = discharges[integrations];
            return new NextDue(SessionKind.Integration, owedFor, owedFor.AddHours(protocol.Clinic.IntegrationWindowHours));
        }

        if (prep.Held + prep.Booked < prep.Planned)
        {
            return new NextDue(SessionKind.Preparation, now, null);
        }

        if (course.ActiveHolds.Count > 0 || dosing.Remaining - dosing.Booked <= 0)
        {
            return null;
        }

        var lastDosing = course.Sessions
            .Where(s => s.Kind == SessionKind.Dosing && s.IsActive)
            .Select(s => (DateTimeOffset?)s.Start)
            .Max();
        var notBefore = lastDosing is { } last ? last.AddHours(course.Plan.MinimumHoursBetweenDosing) : now;
        return new NextDue(SessionKind.Dosing, notBefore > now ? notBefore : now, null);
    }
}
