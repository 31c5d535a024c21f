using Platform.ServiceDefaults.Analytics;

namespace Scheduling.Api.Queries;

/// <summary>
/// Scheduling's de-identified analyst tables in the <c>reporting</c> schema: keyed pseudonyms of courses and sessions
/// (<see cref="AnalystPseudonyms"/>), never their operational ids; coarse dates (month and week) except the staff and
/// room utilisation days, whose session reference is a pseudonym of its own so a day cannot be joined to a patient's
/// course; no names, no patient ids, no free text.
/// </summary>
public static class AnalystTables
{
    public static readonly AnalystTable Courses = new(
        "scheduling_courses",
        [
            new("course_key", "uuid"),
            new("indication", "text", false),
            new("route", "text", false),
            new("opened_month", "date", false),
            new("closed_month", "date"),
        ],
        ["course_key"]);

    public static readonly AnalystTable Sessions = new(
        "scheduling_sessions",
        [
            new("session_key", "uuid"),
            new("course_key", "uuid", false),
            new("kind", "text", false),
            new("route", "text"),
            new("start_month", "date", false),
            new("start_week", "date", false),
            new("duration_minutes", "integer", false),
            new("dosing_number", "integer"),
            new("status", "text", false),
            new("late_cancellation", "boolean", false, "false"),
            new("no_show", "boolean", false, "false"),
        ],
        ["session_key"]);

    public static readonly AnalystTable ResourceDays = new(
        "scheduling_resource_days",
        [
            new("session_ref", "uuid"),
            new("resource_id", "uuid"),
            new("resource_type", "text", false),
            new("day", "date", false),
            new("minutes", "integer", false),
        ],
        ["session_ref", "resource_id"]);

    public static readonly AnalystTable Cancellations = new(
        "scheduling_cancellations",
        [
            new("session_key", "uuid"),
            new("course_key", "uuid", false),
            new("kind", "text", false),
            new("outcome", "text", false),
            new("initiated_by", "text"),
            new("late_cancellation", "boolean", false),
            new("hours_before_start", "integer"),
            new("scheduled_month", "date", false),
            new("scheduled_week", "date", false),
        ],
        ["session_key"]);

    public static readonly IReadOnlyList<AnalystTable> All = [Courses, Sessions, ResourceDays, Cancellations];

    /// <summary>Staff and room utilisation per day, a view over <see cref="ResourceDays"/> (row security applies through it).</summary>
    public static readonly SqlSchemaObject Utilisation = new(AnalystTable.Schema, "scheduling_utilisation", $"""
        CREATE OR REPLACE VIEW {AnalystTable.Schema}.scheduling_utilisation WITH (security_invoker = true) AS
            SELECT clinic, day, resource_type, resource_id, count(*) AS sessions, sum(minutes) AS booked_minutes
            FROM {ResourceDays.QualifiedName}
            GROUP BY clinic, day, resource_type, resource_id;
        """);
}
