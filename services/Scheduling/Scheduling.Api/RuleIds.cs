
namespace Scheduling.Api;

/// <summary>
/// Stable rule ids. Clients, auditors and the problem-details responses rely on these strings:
/// add new ones, never rename.
/// </summary>
public static class RuleIds
{
    // The database refused a second hold on a resource for an overlapping block.
    public const string DoubleBooked = "SCH-DOUBLE-BOOKED";

    // The course and its sessions.
    public const string CourseNotFound = "SCH-COURSE-NOT-FOUND";
    public const string CourseClosed = "SCH-COURSE-CLOSED";
    public const string SessionNotFound = "SCH-SESSION-NOT-FOUND";
    public const string SessionExists = "SCH-SESSION-EXISTS";
    public const string SessionState = "SCH-SESSION-STATE";
    public const string WrongSessionKind = "SCH-WRONG-SESSION-KIND";
    public const string SessionNotStarted = "SCH-SESSION-NOT-STARTED";

    // Booking.
    public const string InvalidBlock = "SCH-INVALID-BLOCK";
    public const string StartInPast = "SCH-START-IN-PAST";
    public const string ApprovalExpired = "SCH-APPROVAL-EXPIRED";
    public const string SafetyHold = "SCH-SAFETY-HOLD";
    public const string ReScreeningRequired = "SCH-RE-SCREENING-REQUIRED";
    public const string TherapistNotMatched = "SCH-THERAPIST-NOT-MATCHED";
    public const string RematchWithBookings = "SCH-REMATCH-WITH-BOOKINGS";
    public const string PreparationIncomplete = "SCH-PREPARATION-INCOMPLETE";
    public const string WrongRole = "SCH-WRONG-ROLE";
    public const string ResourceRequired = "SCH-RESOURCE-REQUIRED";
    public const string ResourceInactive = "SCH-RESOURCE-INACTIVE";
    public const string CredentialMissing = "SCH-CREDENTIAL-MISSING";
    public const string CredentialExpired = "SCH-CREDENTIAL-EXPIRED";
    public const string BlockTooShort = "SCH-BLOCK-TOO-SHORT";
    public const string OutsideAvailability = "SCH-OUTSIDE-AVAILABILITY";
    public const string DosingSpacing = "SCH-DOSING-SPACING";
    public const string WeeklyLimit = "SCH-WEEKLY-LIMIT";
    public const string PatientOverlap = "SCH-PATIENT-OVERLAP";

    // Check-in, dose and discharge.
    public const string CheckInMissing = "SCH-CHECK-IN-MISSING";
    public const string CheckInStale = "SCH-CHECK-IN-STALE";
    public const string CheckInOutsideWindow = "SCH-CHECK-IN-OUTSIDE-WINDOW";
    public const string PreDoseVitalsStale = "SCH-PRE-DOSE-VITALS-STALE";
    public const string MonitoringVitalsMissing = "SCH-MONITORING-VITALS-MISSING";
    public const string BloodPressureAboveThreshold = "SCH-BP-ABOVE-THRESHOLD";
    public const string FastingNotConfirmed = "SCH-FASTING-NOT-CONFIRMED";
    public const string RideHomeNotConfirmed = "SCH-RIDE-NOT-CONFIRMED";
    public const string DoseNotStarted = "SCH-DOSE-NOT-STARTED";
    public const string DischargeTooEarly = "SCH-DISCHARGE-TOO-EARLY";
    public const string SedationUnresolved = "SCH-SEDATION-UNRESOLVED";
    public const string DissociationUnresolved = "SCH-DISSOCIATION-UNRESOLVED";
    public const string RemsNotApplicable = "SCH-REMS-NOT-APPLICABLE";

    /// <summary>Unknown streams are 404, clashes with what already exists 409; every other refusal is 422.</summary>
    public static readonly RuleStatuses Statuses = new(new Dictionary<string, int> {
        [CourseNotFound] = StatusCodes.Status404NotFound,
        [SessionNotFound] = StatusCodes.Status404NotFound,
        [SessionExists] = StatusCodes.Status409Conflict,
        [DoubleBooked] = StatusCodes.Status409Conflict,
    });
}
