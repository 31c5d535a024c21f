using Platform.ServiceDefaults.Analytics;

namespace Integration.Api.Queries;

/// <summary>
/// The analyst tables. De-identified by construction: keys are keyed pseudonyms of the course and adverse event
/// (no operational or patient id), no free text, and no calendar dates (HIPAA Safe Harbor counts them as
/// identifiers): time is days or weeks since the first dose.
/// </summary>
public static class AnalystTables
{
    public static readonly AnalystTable ScoresByCourseWeek = new(
        "integration_scores_by_course_week",
        [
            new("course_key", "uuid"),
            new("instrument", "text"),
            new("course_week", "integer"),
            new("indication", "text", false),
            new("route", "text", false),
            new("measurements", "integer", false),
            new("last_total", "integer", false),
            new("last_band", "text", false),
            new("last_day", "integer"),
            new("baseline_total", "integer"),
            new("percent_change", "numeric"),
            new("is_response", "boolean"),
            new("is_remission", "boolean"),
        ],
        ["course_key", "instrument", "course_week"]);

    public static readonly AnalystTable CourseResponse = new(
        "integration_course_response",
        [
            new("course_key", "uuid"),
            new("indication", "text", false),
            new("route", "text", false),
            new("dosing_sessions", "integer", false),
            new("primary_instrument", "text"),
            new("baseline_total", "integer"),
            new("latest_total", "integer"),
            new("latest_day", "integer"),
            new("percent_change", "numeric"),
            new("is_response", "boolean"),
            new("is_remission", "boolean"),
            new("responded_by_week4", "boolean"),
            new("week4_response", "boolean"),
            new("week4_remission", "boolean"),
            new("days_to_response", "integer"),
            new("worsening", "boolean", false),
            new("adverse_events", "integer", false),
            new("safety_holds", "integer", false),
            new("evaluated_response", "text"),
            new("recommendation", "text"),
            new("completed", "boolean", false),
        ],
        ["course_key"]);

    public static readonly AnalystTable TimeToResponse = new(
        "integration_time_to_response",
        [
            new("course_key", "uuid"),
            new("instrument", "text"),
            new("indication", "text", false),
            new("route", "text", false),
            new("baseline_total", "integer", false),
            new("responded", "boolean", false),
            new("days_to_response", "integer"),
            new("doses_before_response", "integer"),
            new("last_measured_day", "integer"),
        ],
        ["course_key", "instrument"]);

    public static readonly AnalystTable AdverseEvents = new(
        "integration_adverse_events",
        [
            new("adverse_event_key", "uuid"),
            new("course_key", "uuid", false),
            new("indication", "text", false),
            new("route", "text", false),
            new("event_type", "text", false),
            new("severity", "text", false),
            new("severe_or_serious", "boolean", false),
            new("onset_minutes_after_dose", "integer"),
            new("dosing_number", "integer"),
            new("course_day", "integer"),
        ],
        ["adverse_event_key"]);

    public static readonly IReadOnlyList<AnalystTable> All = [ScoresByCourseWeek, CourseResponse, TimeToResponse, AdverseEvents];
}
