namespace Screening.Api.Queries;

/// <summary>
/// The queue entry follows the recorded evaluations: the completeness reason says whether every fact is in,
/// the flags carry the high suicide risk. A signed or closed screening leaves the queue.
/// </summary>
public static class ReviewQueueEvolution
{
    public static ReviewQueueItem? Evolve(ReviewQueueItem? item, object @event) => (item, @event) switch {
        (null, ScreeningReferred e) => new ReviewQueueItem(
            e.ScreeningId, e.PatientId, e.Patient.FullName, e.Indication, e.RequestedRoute, e.ReferredAt) {
            LastChangedAt = e.ReferredAt,
        },
        (null, _) => null,
        (_, EligibilityEvaluated e) => Queued(item with {
            Complete = e.Reasons.Any(r => r.RuleId == RuleIds.Incomplete && r.Outcome == EligibilityOutcome.Eligible),
            Outcome = e.Outcome,
            Flags = e.Flags,
            FiredRuleIds = e.Reasons.Where(r => r.Outcome != EligibilityOutcome.Eligible).Select(r => r.RuleId).ToList(),
            HighSuicideRisk = e.Flags.Contains(EligibilityFlag.HighSuicideRisk),
            LastChangedAt = e.EvaluatedAt,
        }),
        (_, RecordAmended { Field: AmendableFields.FullName } e) => item with { PatientName = e.Corrected ?? item.PatientName },
        (_, ScreeningApproved e) => Closed(item, e.ApprovedAt),
        (_, ScreeningDeclined e) => Closed(item, e.DeclinedAt),
        (_, ReScreeningRequired e) => Closed(item, e.RequiredAt),
        _ => item,
    };

    private static ReviewQueueItem Queued(ReviewQueueItem item) =>
        item with { InQueue = item.Open && (item.Complete || item.HighSuicideRisk) };

    private static ReviewQueueItem Closed(ReviewQueueItem item, DateTimeOffset at) =>
        item with { Open = false, InQueue = false, LastChangedAt = at };
}
