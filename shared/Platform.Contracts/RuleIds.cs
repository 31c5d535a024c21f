namespace Platform.Contracts;

// Every rule id the platform answers with: the request-level ids every service shares (InputRules), then one class
// per service, each with the HTTP status of the refusals that are not a 422. Clients, auditors,
// problem details and the analyst tables rely on these strings: add new ones, never rename one. One catalogue keeps
// them unique across the services (a test checks it) and shows a client every refusal it can get, with its status.
// Each service reads its own class as RuleIds (a global using alias).

/// <summary>The rule ids of a request the service could not read, the same in every service.</summary>
public static class InputRules
{
    /// <summary>A body property the endpoint does not know (often a misspelling).</summary>
    public const string UnknownField = "REQUEST-UNKNOWN-FIELD";

    /// <summary>A value of the wrong type or format, or a body that is not JSON.</summary>
    public const string InvalidValue = "REQUEST-INVALID-VALUE";

    /// <summary>A date outside the supported years.</summary>
    public const string OutOfRange = "REQUEST-DATE-OUT-OF-RANGE";

    /// <summary>A required property, query value or body that was not sent.</summary>
    public const string Required = "REQUEST-REQUIRED";

    /// <summary>Input that was read but failed the endpoint's validation.</summary>
    public const string Invalid = "REQUEST-INVALID";

    /// <summary>A body larger than the service reads (413), refused before it is read.</summary>
    public const string TooLarge = "REQUEST-TOO-LARGE";

    /// <summary>A FHIR request the token's SMART scopes do not cover (403), whatever the caller's role allows.</summary>
    public const string InsufficientScope = "REQUEST-INSUFFICIENT-SCOPE";
}

public static class ScreeningRuleIds
{
    public const string Incomplete = "SCR-INCOMPLETE";
    public const string PsychosisSelf = "SCR-PSYCHOSIS-SELF";
    public const string PsychosisFamily = "SCR-PSYCHOSIS-FAMILY";
    public const string CurrentMania = "SCR-MANIA-CURRENT";
    public const string Bipolar = "SCR-BIPOLAR";
    public const string AneurysmalVascularDisease = "SCR-ANEURYSMAL-VASCULAR-DISEASE";
    public const string ArteriovenousMalformation = "SCR-AVM";
    public const string IntracerebralHaemorrhage = "SCR-INTRACEREBRAL-HAEMORRHAGE";
    public const string KetamineHypersensitivity = "SCR-KETAMINE-HYPERSENSITIVITY";
    public const string MyocardialInfarction = "SCR-RECENT-MI";
    public const string Arrhythmia = "SCR-UNSTABLE-ARRHYTHMIA";
    public const string Cerebrovascular = "SCR-UNSTABLE-CEREBROVASCULAR";
    public const string UncontrolledHypertension = "SCR-HYPERTENSION-UNCONTROLLED";
    public const string Pregnancy = "SCR-PREGNANCY";
    public const string Breastfeeding = "SCR-BREASTFEEDING";
    public const string BloodPressure = "SCR-BLOOD-PRESSURE";
    public const string SubstanceUse = "SCR-SUBSTANCE-USE";
    public const string KetamineMisuse = "SCR-KETAMINE-MISUSE";
    public const string SuicideRisk = "SCR-SUICIDE-RISK-HIGH";
    public const string HepaticImpairment = "SCR-HEPATIC-IMPAIRMENT";
    public const string Cystitis = "SCR-CYSTITIS";
    public const string Maoi = "SCR-MAOI";
    public const string Psychostimulant = "SCR-PSYCHOSTIMULANT";
    public const string Benzodiazepine = "SCR-BENZODIAZEPINE-DOSE";
    public const string TrdFirstLine = "SCR-TRD-FIRST-LINE";
    public const string NoPriorPsychotherapy = "SCR-NO-PRIOR-PSYCHOTHERAPY";
    public const string EsketamineAge = "SCR-ESKETAMINE-AGE-65";
    public const string InstrumentStale = "SCR-INSTRUMENT-STALE";
    public const string VitalsStale = "SCR-VITALS-STALE";

    // Sign-off rules (rejections of commands, not eligibility reasons).
    public const string CaseNotFound = "SCR-CASE-NOT-FOUND";
    public const string CaseExists = "SCR-CASE-EXISTS";
    public const string UnknownPatient = "SCR-UNKNOWN-PATIENT";
    public const string PatientIdentityConflict = "SCR-PATIENT-IDENTITY-CONFLICT";
    public const string CaseClosed = "SCR-CASE-CLOSED";
    public const string InvalidInput = "SCR-INVALID-INPUT";
    public const string JustificationRequired = "SCR-JUSTIFICATION-REQUIRED";
    public const string DeclineReasonRequired = "SCR-DECLINE-REASON-REQUIRED";
    public const string NotApproved = "SCR-NOT-APPROVED";

    // Patients' rights over their record (docs/privacy.md).
    public const string ErasureBeforeRetention = "SCR-ERASURE-BEFORE-RETENTION";
    public const string ErasureOpenScreening = "SCR-ERASURE-OPEN-SCREENING";
    public const string AmendmentChangesApproval = "SCR-AMENDMENT-CHANGES-APPROVAL";

    /// <summary>Command refusals that are not clinical rules: the client named nothing, clashed, or sent bad input.</summary>
    public static IReadOnlyDictionary<string, int> Statuses { get; } = new Dictionary<string, int> {
        [CaseNotFound] = 404,
        [CaseExists] = 409,
        [PatientIdentityConflict] = 409,
        [InvalidInput] = 400,
        [ErasureBeforeRetention] = 409,
        [ErasureOpenScreening] = 409,
        [AmendmentChangesApproval] = 409,
    };
}

public static class SchedulingRuleIds
{
    // The database refused a second hold on a resource for an overlapping block.
    public const string DoubleBooked = "SCH-DOUBLE-BOOKED";

    // A person shared with a clinic whose records are on another database: the ledger that prevents double-booking is per database.
    public const string StaffInOtherDatabase = "SCH-STAFF-OTHER-DATABASE";

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
    public static IReadOnlyDictionary<string, int> Statuses { get; } = new Dictionary<string, int> {
        [CourseNotFound] = 404,
        [SessionNotFound] = 404,
        [SessionExists] = 409,
        [DoubleBooked] = 409,
        [StaffInOtherDatabase] = 409,
    };
}

public static class IntegrationRuleIds
{
    public const string CourseNotOpen = "INT-COURSE-NOT-OPEN";
    public const string CourseCompleted = "INT-COURSE-COMPLETED";
    public const string EventBeforeCourse = "INT-EVENT-BEFORE-COURSE";
    public const string UnknownDosingSession = "INT-UNKNOWN-DOSING-SESSION";
    public const string IntegrationBeforeDosing = "INT-INTEGRATION-BEFORE-DOSING";
    public const string IdConflict = "INT-ID-CONFLICT";
    public const string UnknownAdverseEvent = "INT-UNKNOWN-ADVERSE-EVENT";
    public const string HoldJustificationRequired = "INT-HOLD-JUSTIFICATION-REQUIRED";
    public const string ReScreeningWaiverReasonRequired = "INT-RE-SCREENING-WAIVER-REASON-REQUIRED";
    public const string NoActiveHold = "INT-NO-ACTIVE-HOLD";
    public const string EvaluationBeforeInduction = "INT-EVALUATION-BEFORE-INDUCTION";
    public const string EvaluationWithoutOutcomeData = "INT-EVALUATION-NO-OUTCOME-DATA";
    public const string MaintenanceUnderHold = "INT-MAINTENANCE-UNDER-HOLD";
    public const string NotesNotOnCourse = "INT-NOTES-NOT-ON-COURSE";

    /// <summary>
    /// An unknown course is a 404 (the client named a course that is not open here, or not yet: the approval may still be
    /// on its way from Screening); a different record under an id already used is a 409; every other rule is 422.
    /// </summary>
    public static IReadOnlyDictionary<string, int> Statuses { get; } = new Dictionary<string, int> {
        [CourseNotOpen] = 404,
        [IdConflict] = 409,
        [NotesNotOnCourse] = 403,
    };
}
