using System.Security.Cryptography;
using System.Text;

namespace Integration.Api.Courses;

/// <summary>
/// One active hold per course: Scheduling and Screening act on "the course is held", and a second hold that could be
/// released on its own would let a prescriber lift one concern without seeing the other. A further trigger is
/// therefore added to the active hold as another reason.
/// </summary>
public static class PlaceSafetyHold
{
    public static object PlaceOrAdd(CourseOutcome course, SafetyHoldTrigger trigger, string reason, Guid sourceId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(course);
        return course.ActiveHold is { } active
            ? new HoldTriggerAdded(course.Id, active.HoldId, trigger, reason, sourceId, now)
            : new HoldPlaced(course.Id, course.PatientId, HoldIdFor(course, sourceId), trigger, reason, sourceId, now);
    }

    /// <summary>
    /// Derived, not random, so a retried command yields the same hold id; the hold count keeps a second hold from the
    /// same source (an event regraded up, down and up again) distinct.
    /// </summary>
    public static Guid HoldIdFor(CourseOutcome course, Guid sourceId)
    {
        ArgumentNullException.ThrowIfNull(course);
        var input = Encoding.UTF8.GetBytes($"{course.Id:N}/{sourceId:N}/hold/{course.Holds.Count}");
        return new Guid(SHA256.HashData(input).AsSpan(0, 16));
    }

    // Reasons are published to other services, so they are built from codes only, never from clinician free text.
    public static string AdverseEventReason(AdverseEventType type, AdverseEventSeverity severity) =>
        $"{severity} adverse event: {type}";

    public const string HighSuicideRiskReason = "New high C-SSRS suicide risk";

    public const string PregnancyReason = "Pregnancy reported";
}
