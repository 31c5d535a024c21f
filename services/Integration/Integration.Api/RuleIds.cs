namespace Integration.Api;

/// <summary>Stable rule ids: clients, problem details and auditors rely on these strings, so never rename one.</summary>
public static class RuleIds
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
    public static RuleStatuses Statuses { get; } = new(new Dictionary<string, int> {
        [CourseNotOpen] = StatusCodes.Status404NotFound,
        [IdConflict] = StatusCodes.Status409Conflict,
        [NotesNotOnCourse] = StatusCodes.Status403Forbidden,
    });
}
