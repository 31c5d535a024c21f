using JasperFx.Events;
using Marten.Events.Projections;

namespace Integration.Api.Queries;

/// <summary>
/// One adverse event in the clinic-wide register, with its current grade. A clinical read model (medical staff and
/// prescribers), so it keeps the free text, shown only for one course at a time; the analyst tables do not keep it.
/// </summary>
public sealed record AdverseEventRegisterEntry(
    Guid Id,
    Guid CourseId,
    AdverseEventType Type,
    AdverseEventSeverity Severity,
    AdverseEventSeverity RecordedSeverity,
    DateTimeOffset OccurredAt,
    int? OnsetMinutesAfterDose,
    Guid? DosingSessionId,
    [property: Phi] string? Description,
    [property: Phi] string? ActionTaken,
    [property: Phi] string? Outcome,
    Guid RecordedBy,
    DateTimeOffset RecordedAt,
    DateTimeOffset? GradedAt = null,
    Guid? GradedBy = null) : IPhiRecord
{
    Guid IPhiRecord.PhiSubject => CourseId;
}

/// <summary>
/// Inline, so a clinician who has just recorded an event finds it in the register at once. Keyed by the adverse event
/// id: events of many courses end in one table that filters cheaply by severity and type.
/// </summary>
public sealed class AdverseEventRegisterProjection : MultiStreamProjection<AdverseEventRegisterEntry, Guid>
{
    public AdverseEventRegisterProjection()
    {
        // The daemon's allow list: a rebuild or catch-up then reads only these events, not every event of the log
        // (Evolve takes any IEvent, so Marten cannot infer it). Every type Evolve or the grouping reads must be here.
        IncludeType<AdverseEventRecorded>();
        IncludeType<AdverseEventGraded>();
        Identity<AdverseEventRecorded>(e => e.AdverseEventId);
        Identity<AdverseEventGraded>(e => e.AdverseEventId);
    }

    public override AdverseEventRegisterEntry? Evolve(AdverseEventRegisterEntry? snapshot, Guid id, IEvent e) => (snapshot, e.Data) switch {
        (null, AdverseEventRecorded r) => new AdverseEventRegisterEntry(
            r.AdverseEventId, r.CourseId, r.Type, r.Severity, r.Severity, r.OccurredAt, r.OnsetMinutesAfterDose,
            r.DosingSessionId, r.Description, r.ActionTaken, r.Outcome, r.RecordedBy, r.RecordedAt),
        ( { } entry, AdverseEventGraded g) => entry with { Severity = g.Severity, GradedAt = g.GradedAt, GradedBy = g.GradedBy },
        _ => snapshot,
    };
}
