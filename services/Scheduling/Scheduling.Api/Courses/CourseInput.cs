namespace Scheduling.Api.Courses;

/// <summary>
/// Shape checks several course requests share, reported per field as a 400. Business rules (409/422 with a rule id)
/// live in each command's <c>Decide</c>.
/// </summary>
public static class CourseInput
{
    public const int MaxReasonLength = 500;

    /// <summary>
    /// The longest session block, in minutes: the longest dosing block a protocol may set and the longest block the
    /// free-slot finder searches. It also bounds the range reads (<c>CalendarEndpoints.LiveBetween</c>): a session that overlaps a
    /// day starts at most this long before it, so the day board reads a day of the start index, not a year of it.
    /// </summary>
    public const int MaxSessionMinutes = 480;

    public static FieldErrors Block(this FieldErrors errors, DateTimeOffset start, DateTimeOffset end, string field = "end") =>
        errors.Require(end > start, field, "must be after start");

    /// <summary>A session's block: after its start, and at most <see cref="MaxSessionMinutes"/> long.</summary>
    public static FieldErrors SessionBlock(this FieldErrors errors, DateTimeOffset start, DateTimeOffset end) =>
        errors.Block(start, end)
            .Require(end - start <= TimeSpan.FromMinutes(MaxSessionMinutes), "end", $"must be at most {MaxSessionMinutes} minutes after start");

    public static FieldErrors Vitals(this FieldErrors errors, VitalsReading? vitals, DateTimeOffset now, string prefix)
    {
        if (vitals is null)
        {
            return errors.Add(prefix, "is required");
        }

        return errors.Reading(vitals.Systolic, vitals.Diastolic, vitals.HeartRate, vitals.TakenAt, now, prefix);
    }

    public static FieldErrors Reason(this FieldErrors errors, string? reason, string field = "reason") =>
        errors.Require(
            !string.IsNullOrWhiteSpace(reason) && reason.Length <= MaxReasonLength, field, $"is required (at most {MaxReasonLength} characters)");
}
