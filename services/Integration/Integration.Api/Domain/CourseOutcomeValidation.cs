using Platform.Contracts;
using Platform.ServiceDefaults.Domain;

namespace Integration.Api.Domain;

/// <summary>
/// Input checks that need no state, run before Decide so a request gets one 400 naming every bad field. Field names
/// are the camelCase JSON names of the request bodies.
/// </summary>
public static class CourseOutcomeValidation
{
    public const int MinOnsetMinutes = -60;

    /// <summary>One week: cystitis and misuse surface days after a dose; later than that is not "onset after the dose".</summary>
    public const int MaxOnsetMinutes = 10_080;

    public const int MaxJustificationLength = 2_000;
    public const int MaxShortTextLength = 2_000;
    public const int MaxNotesLength = 20_000;
    public const int MaxThemes = 20;
    public const int MaxThemeLength = 100;

    public static FieldErrors Validate(RecordAdverseEvent command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        return new FieldErrors()
            .Require(Enum.IsDefined(command.Type), "type", "unknown adverse event type")
            .Require(Enum.IsDefined(command.Severity), "severity", "unknown severity")
            .InRange(command.OnsetMinutesAfterDose, MinOnsetMinutes, MaxOnsetMinutes, "onsetMinutesAfterDose")
            .NotInFuture(command.OccurredAt, now, "occurredAt")
            .Require(!string.IsNullOrWhiteSpace(command.ActionTaken), "actionTaken", "must not be empty")
            .Require(Within(command.ActionTaken, MaxShortTextLength), "actionTaken", $"must be at most {MaxShortTextLength} characters")
            .Require(!string.IsNullOrWhiteSpace(command.Outcome), "outcome", "must not be empty")
            .Require(Within(command.Outcome, MaxShortTextLength), "outcome", $"must be at most {MaxShortTextLength} characters")
            .Require(Within(command.Description, MaxNotesLength), "description", $"must be at most {MaxNotesLength} characters")
            .Require(command.RecordedBy != Guid.Empty, "recordedBy", "must be set");
    }

    public static FieldErrors Validate(GradeAdverseEvent command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return new FieldErrors()
            .Require(Enum.IsDefined(command.Severity), "severity", "unknown severity")
            .Require(!string.IsNullOrWhiteSpace(command.Reason), "reason", "must not be empty")
            .Require(Within(command.Reason, MaxShortTextLength), "reason", $"must be at most {MaxShortTextLength} characters");
    }

    public static FieldErrors Validate(HoldIntegrationSession command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        var errors = new FieldErrors()
            .NotInFuture(command.HeldAt, now, "heldAt")
            .Require(command.TherapistId != Guid.Empty, "therapistId", "must be set")
            .Require(Within(command.Notes, MaxNotesLength), "notes", $"must be at most {MaxNotesLength} characters")
            .Require(command.Themes.Count <= MaxThemes, "themes", $"at most {MaxThemes} themes");
        return errors.Require(
            command.Themes.All(t => !string.IsNullOrWhiteSpace(t) && t.Length <= MaxThemeLength),
            "themes",
            $"each theme must be non-empty and at most {MaxThemeLength} characters");
    }

    public static FieldErrors Validate(SetIntentions command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        return new FieldErrors()
            .NotInFuture(command.SetAt, now, "setAt")
            .Require(command.TherapistId != Guid.Empty, "therapistId", "must be set")
            .Require(!string.IsNullOrWhiteSpace(command.Intentions), "intentions", "must not be empty")
            .Require(Within(command.Intentions, MaxNotesLength), "intentions", $"must be at most {MaxNotesLength} characters")
            .InRange(command.ForDosingNumber, 1, 100, "forDosingNumber");
    }

    /// <summary>Item answers are validated by the instrument scorer; this checks what surrounds them.</summary>
    public static FieldErrors Validate(RecordOutcome command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        return new FieldErrors()
            .NotInFuture(command.MeasuredAt, now, "measuredAt")
            .Require(command.RecordedBy != Guid.Empty, "recordedBy", "must be set");
    }

    public static FieldErrors Validate(ReportPregnancy command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        return new FieldErrors()
            .NotInFuture(command.ReportedAt, now, "reportedAt")
            .Require(command.ReportedBy != Guid.Empty, "reportedBy", "must be set")
            .Require(Within(command.Note, MaxNotesLength), "note", $"must be at most {MaxNotesLength} characters");
    }

    public static FieldErrors Validate(ReleaseHold command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return new FieldErrors()
            .Require(!string.IsNullOrWhiteSpace(command.Justification), "justification", "must not be empty")
            .Require(Within(command.Justification, MaxJustificationLength), "justification", $"must be at most {MaxJustificationLength} characters")
            .Require(command.PrescriberId != Guid.Empty, "prescriberId", "must be set");
    }

    public static FieldErrors Validate(EvaluateCourse command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return new FieldErrors()
            .Require(Enum.IsDefined(command.Recommendation), "recommendation", "unknown recommendation")
            .Require(command.EvaluatedBy != Guid.Empty, "evaluatedBy", "must be set")
            .Require(Within(command.Rationale, MaxNotesLength), "rationale", $"must be at most {MaxNotesLength} characters");
    }

    private static bool Within(string? text, int max) => text is null || text.Length <= max;
}
