namespace Scheduling.Api.Courses;

/// <summary>
/// One row per resource (therapist, medical professional, room) held by a live session. The exclusion
/// constraint is what makes double-booking impossible: two transactions inserting overlapping ranges for the
/// same resource cannot both commit, whatever the read models said when the requests arrived.
/// </summary>
public static class ResourceBookingsTable
{
    public const string Name = "resource_bookings";
    public const string ConstraintName = "resource_bookings_no_overlap";

    /// <summary>SQLSTATE exclusion_violation.</summary>
    public const string ExclusionViolation = "23P01";

    public static string Qualified(string schema) => $"{schema}.{Name}";

    public static SqlSchemaObject SchemaObject(string schema) => new(schema, Name, $"""
        CREATE EXTENSION IF NOT EXISTS btree_gist;
        CREATE TABLE IF NOT EXISTS {schema}.{Name} (
            resource_id   uuid        NOT NULL,
            resource_kind text        NOT NULL,
            session_id    uuid        NOT NULL,
            course_id     uuid        NOT NULL,
            during        tstzrange   NOT NULL,
            PRIMARY KEY (session_id, resource_id),
            CONSTRAINT {ConstraintName} EXCLUDE USING gist (resource_id WITH =, during WITH &&)
        );
        """);
}
