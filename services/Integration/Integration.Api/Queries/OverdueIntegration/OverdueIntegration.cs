namespace Integration.Api.Queries;

/// <summary>
/// A dosing session whose integration window has passed without a linked integration session inside it.
/// <paramref name="HeldLateAt"/> is set when one was held after the window: it is no longer open work, but it was
/// late, which the clinic audits. Work queues filter on <see cref="IsOpen"/>. <paramref name="DueOn"/> is the clinic
/// day of <paramref name="DueBy"/> (a discharge late in the clinic's evening is due on the clinic's day, not UTC's).
/// </summary>
public sealed record OverdueIntegrationEntry(
    Guid CourseId,
    Guid DosingSessionId,
    int DosingNumber,
    DateTimeOffset DischargedAt,
    DateTimeOffset DueBy,
    DateOnly DueOn,
    DateTimeOffset? HeldLateAt)
{
    public bool IsOpen => HeldLateAt is null;
}

public static class OverdueIntegration
{
    /// <summary>
    /// The window runs from discharge (the end of the dosing session), and a session exactly at the deadline is on
    /// time.
    /// </summary>
    public static IReadOnlyList<OverdueIntegrationEntry> Find(
        IEnumerable<DosingSessionRecorded> dosingSessions,
        IEnumerable<IntegrationSessionHeld> integrationSessions,
        ClinicTime now,
        ClinicalProtocol clinic)
    {
        ArgumentNullException.ThrowIfNull(dosingSessions);
        ArgumentNullException.ThrowIfNull(integrationSessions);
        ArgumentNullException.ThrowIfNull(clinic);
        var heldByDosing = integrationSessions
            .Where(i => i.DosingSessionId is not null)
            .ToLookup(i => i.DosingSessionId!.Value, i => i.HeldAt);

        var overdue = new List<OverdueIntegrationEntry>();
        foreach (var dosing in dosingSessions.OrderBy(d => d.DoseStartedAt))
        {
            var dueBy = dosing.DischargedAt + clinic.IntegrationWindow;
            if (now.Utc <= dueBy)
            {
                continue;
            }

            var held = heldByDosing[dosing.SessionId].Where(at => at <= now.Utc).ToList();
            if (held.Any(at => at <= dueBy))
            {
                continue;
            }

            DateTimeOffset? late = held.Count > 0 ? held.Min() : null;
            overdue.Add(new OverdueIntegrationEntry(dosing.CourseId, dosing.SessionId, dosing.DosingNumber, dosing.DischargedAt, dueBy, now.DateOf(dueBy), late));
        }

        return overdue;
    }

    /// <summary>The list's entry for a kept follow-up the query found past its window (same rules as <see cref="Find(IEnumerable{DosingSessionRecorded}, IEnumerable{IntegrationSessionHeld}, ClinicTime, ClinicalProtocol)"/>).</summary>
    public static OverdueIntegrationEntry Entry(IntegrationDue due, ClinicTime now, ClinicalProtocol clinic)
    {
        ArgumentNullException.ThrowIfNull(due);
        ArgumentNullException.ThrowIfNull(clinic);
        var dueBy = due.DischargedAt + clinic.IntegrationWindow;
        return new OverdueIntegrationEntry(due.CourseId, due.Id, due.DosingNumber, due.DischargedAt, dueBy, now.DateOf(dueBy), due.FirstHeldAt);
    }

    public static IReadOnlyList<OverdueIntegrationEntry> Find(CourseOutcome course, ClinicTime now, ClinicalProtocol clinic)
    {
        ArgumentNullException.ThrowIfNull(course);
        return Find(course.DosingSessions, course.IntegrationSessions, now, clinic);
    }
}
