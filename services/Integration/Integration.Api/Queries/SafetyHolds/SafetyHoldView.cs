using JasperFx.Events;
using Marten.Events.Projections;

namespace Integration.Api.Queries;

public sealed record SafetyHoldReasonView(SafetyHoldTrigger Trigger, [property: Phi] string Reason, Guid SourceId, DateTimeOffset At);

/// <summary>A safety hold across courses, for the "who is held and why" list clinicians work from.</summary>
public sealed record SafetyHoldView(
    Guid Id,
    Guid CourseId,
    Guid PatientId,
    SafetyHoldTrigger Trigger,
    DateTimeOffset PlacedAt,
    IReadOnlyList<SafetyHoldReasonView> Reasons,
    DateTimeOffset? ReleasedAt = null,
    Guid? ReleasedBy = null,
    bool ReScreeningWaived = false) : IPhiRecord
{
    Guid IPhiRecord.PhiSubject => CourseId;

    public bool IsActive => ReleasedAt is null;
}

/// <summary>Inline: a hold is safety-critical, so the list must show it the moment the command that placed it returns.</summary>
public sealed class SafetyHoldProjection : MultiStreamProjection<SafetyHoldView, Guid>
{
    public SafetyHoldProjection()
    {
        // The daemon's allow list: a rebuild or catch-up then reads only these events, not every event of the log
        // (Evolve takes any IEvent, so Marten cannot infer it). Every type Evolve or the grouping reads must be here.
        IncludeType<HoldPlaced>();
        IncludeType<HoldTriggerAdded>();
        IncludeType<HoldReleased>();
        Identity<HoldPlaced>(e => e.HoldId);
        Identity<HoldTriggerAdded>(e => e.HoldId);
        Identity<HoldReleased>(e => e.HoldId);
    }

    public override SafetyHoldView? Evolve(SafetyHoldView? snapshot, Guid id, IEvent e) => (snapshot, e.Data) switch {
        (null, HoldPlaced p) => new SafetyHoldView(
            p.HoldId, p.CourseId, p.PatientId, p.Trigger, p.PlacedAt,
            [new SafetyHoldReasonView(p.Trigger, p.Reason, p.SourceId, p.PlacedAt)]),
        ( { } hold, HoldTriggerAdded a) => hold with {
            Reasons = [.. hold.Reasons, new SafetyHoldReasonView(a.Trigger, a.Reason, a.SourceId, a.AddedAt)],
        },
        ( { } hold, HoldReleased r) => hold with {
            ReleasedAt = r.ReleasedAt,
            ReleasedBy = r.PrescriberId,
            ReScreeningWaived = r.ReScreeningNotNeeded,
        },
        _ => snapshot,
    };
}
