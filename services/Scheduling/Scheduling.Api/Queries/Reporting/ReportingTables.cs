using Platform.ServiceDefaults.Analytics;

namespace Scheduling.Api.Queries;

/// <summary>
/// De-identified flat tables for analysts in the <c>reporting</c> schema: keyed pseudonyms of courses and sessions
/// (<see cref="AnalystPseudonyms"/>), never their operational ids; coarse dates (month and week) except the staff and
/// room utilisation days, whose session reference is a pseudonym of its own so a day cannot be joined to a patient's
/// course; no names, no patient ids, no free text.
/// </summary>
public static class ReportingTables
{
    public const string Schema = "reporting";
    public const string Courses = Schema + ".scheduling_courses";
    public const string Sessions = Schema + ".scheduling_sessions";
    public const string ResourceDays = Schema + ".scheduling_resource_days";
    public const string Utilisation = Schema + ".scheduling_utilisation";
    public const string Cancellations = Schema + ".scheduling_cancellations";

    public static IEnumerable<SqlSchemaObject> All()
    {
        yield return new SqlSchemaObject(Schema, "scheduling_courses", $"""
            CREATE TABLE IF NOT EXISTS {Courses} (
                course_key    uuid PRIMARY KEY,
                clinic        text NOT NULL,
                indication    text NOT NULL,
                route         text NOT NULL,
                opened_month  date NOT NULL,
                closed_month  date NULL
            );
            """);
        yield return new SqlSchemaObject(Schema, "scheduling_sessions", $"""
            CREATE TABLE IF NOT EXISTS {Sessions} (
                session_key       uuid PRIMARY KEY,
                clinic            text NOT NULL,
                course_key        uuid NOT NULL,
                kind              text NOT NULL,
                route             text NULL,
                start_month       date NOT NULL,
                start_week        date NOT NULL,
                duration_minutes  integer NOT NULL,
                dosing_number     integer NULL,
                status            text NOT NULL,
                late_cancellation boolean NOT NULL DEFAULT false,
                no_show           boolean NOT NULL DEFAULT false
            );
            """);
        yield return new SqlSchemaObject(Schema, "scheduling_resource_days", $"""
            CREATE TABLE IF NOT EXISTS {ResourceDays} (
                session_ref    uuid NOT NULL,
                clinic         text NOT NULL,
                resource_id    uuid NOT NULL,
                resource_type  text NOT NULL,
                day            date NOT NULL,
                minutes        integer NOT NULL,
                PRIMARY KEY (session_ref, resource_id)
            );
            """);
        yield return new SqlSchemaObject(Schema, "scheduling_utilisation", $"""
            CREATE OR REPLACE VIEW {Utilisation} WITH (security_invoker = true) AS
                SELECT clinic, day, resource_type, resource_id, count(*) AS sessions, sum(minutes) AS booked_minutes
                FROM {ResourceDays}
                GROUP BY clinic, day, resource_type, resource_id;
            """);
        yield return new SqlSchemaObject(Schema, "scheduling_cancellations", $"""
            CREATE TABLE IF NOT EXISTS {Cancellations} (
                session_key          uuid PRIMARY KEY,
                clinic               text NOT NULL,
                course_key           uuid NOT NULL,
                kind                 text NOT NULL,
                outcome              text NOT NULL,
                initiated_by         text NULL,
                late_cancellation    boolean NOT NULL,
                hours_before_start   integer NULL,
                scheduled_month      date NOT NULL,
                scheduled_week       date NOT NULL
            );
            """);
    }
}
