using JasperFx.Events;
using JasperFx.Events.Grouping;
using Marten.Events.Projections;

namespace Integration.Api.Queries;

/// <summary>
/// One dosing session's integration follow-up, kept so the overdue list reads an index instead of folding every open
/// course on each request. It holds facts only, never the deadline: the window comes from the clinic protocol at read
/// time, so a changed window applies to every session at once. <paramref name="HeldAfterTicks"/> (first linked
/// integration session minus discharge) lets the database tell "held late" from "held in time" for any window.
/// </summary>
public sealed record IntegrationDue(
    Guid Id,
    Guid CourseId,
    int DosingNumber,
    DateTimeOffset DischargedAt,
    DateTimeOffset? FirstHeldAt = null,
    long? HeldAfterTicks = null,
    bool CourseOpen = true)
{
    /// <summary>Open work: the course runs and no integration session is linked yet (the partial index's predicate).</summary>
    public bool Awaiting => CourseOpen && FirstHeldAt is null;

    public IntegrationDue HeldAt(DateTimeOffset at) =>
        FirstHeldAt is { } first && first <= at ? this : this with { FirstHeldAt = at, HeldAfterTicks = (at - DischargedAt).Ticks };
}

/// <summary>
/// Async: the list is measured in days, so a moment's lag costs nothing, and a projection the daemon runs is built
/// from the first event when it is deployed (an inline one would start empty). A completed course closes every one
/// of its dosing sessions; the completion event names the course only, so the grouping looks the sessions up.
/// </summary>
public sealed class IntegrationDueProjection : MultiStreamProjection<IntegrationDue, Guid>
{
    public IntegrationDueProjection()
    {
        // Pinned, as event names are: the daemon keeps its progress under this name.
        Name = "integration-due";
        // The daemon's allow list: a rebuild or catch-up then reads only these events, not every event of the log
        // (Evolve takes any IEvent, so Marten cannot infer it). Every type Evolve or the grouping reads must be here.
        IncludeType<DosingSessionRecorded>();
        IncludeType<IntegrationSessionHeld>();
        IncludeType<CourseOutcomeCompleted>();
        Identity<DosingSessionRecorded>(e => e.SessionId);
        Identities<IntegrationSessionHeld>(e => e.DosingSessionId is { } dosing ? [dosing] : []);
        CustomGrouping(GroupCompletionsAsync);
    }

    private static async Task GroupCompletionsAsync(IQuerySession session, IReadOnlyList<IEvent> events, IEventGrouping<Guid> grouping)
    {
        foreach (var clinic in events.Where(e => e.Data is CourseOutcomeCompleted).GroupBy(e => e.TenantId))
        {
            var courses = await CourseOutcome.LoadOfClinicAsync(session, clinic.Key, [.. clinic.Select(e => e.StreamId).Distinct()], CancellationToken.None);
            var sessionsByCourse = courses.ToDictionary(c => c.Id, c => c.DosingSessions.Select(d => d.SessionId).ToList());
            foreach (var completed in clinic)
            {
                foreach (var dosing in sessionsByCourse.GetValueOrDefault(completed.StreamId) ?? [])
                {
                    grouping.AddEvent(dosing, completed);
                }
            }
        }
    }

    public override IntegrationDue? Evolve(IntegrationDue? snapshot, Guid id, IEvent e) => (snapshot, e.Data) switch {
        (null, DosingSessionRecorded d) => new IntegrationDue(d.SessionId, d.CourseId, d.DosingNumber, d.DischargedAt),
        ( { } due, IntegrationSessionHeld h) => due.HeldAt(h.HeldAt),
        ( { } due, CourseOutcomeCompleted) => due with { CourseOpen = false },
        _ => snapshot,
    };
}
