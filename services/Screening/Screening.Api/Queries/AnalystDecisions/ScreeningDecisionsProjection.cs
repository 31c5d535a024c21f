using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Screening.Api.Screenings;

namespace Screening.Api.Queries.AnalystDecisions;

/// <summary>
/// Writes the analysts' table from the screening events. Statements are idempotent (insert-if-absent, updates
/// keyed by screening id) so a projection rebuild or a replayed page leaves the same rows.
/// </summary>
public sealed class ScreeningDecisionsProjection : EventProjection
{
    public const string Open = "open";
    public const string Approved = "approved";
    public const string Declined = "declined";

    private const string Table = ScreeningDecisionsTable.QualifiedName;

    public ScreeningDecisionsProjection()
    {
        Name = "ScreeningDecisions";
        IncludeType<ScreeningReferred>();
        IncludeType<EligibilityEvaluated>();
        IncludeType<ScreeningApproved>();
        IncludeType<ScreeningDeclined>();
        IncludeType<ReScreeningRequired>();
        IncludeType<ReScreeningWaived>();
    }

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        switch (e.Data)
        {
            case ScreeningReferred referred:
                operations.QueueSqlCommand(
                    $"insert into {Table} (screening_id, indication, route, referral_month, outcome, fired_rule_ids) " +
                    "values (?, ?, ?, ?, ?, ?) on conflict (screening_id) do nothing",
                    referred.ScreeningId,
                    referred.Indication.ToString(),
                    referred.RequestedRoute.ToString(),
                    MonthOf(referred.ReferredAt),
                    Open,
                    Array.Empty<string>());
                break;
            case EligibilityEvaluated evaluated:
                operations.QueueSqlCommand(
                    $"update {Table} set eligibility_outcome = ?, fired_rule_ids = ?, protocol_version = ? " +
                    "where screening_id = ? and outcome = ?",
                    evaluated.Outcome.ToString(),
                    evaluated.Reasons.Where(r => r.Outcome != EligibilityOutcome.Eligible).Select(r => r.RuleId).ToArray(),
                    evaluated.ProtocolVersion,
                    evaluated.ScreeningId,
                    Open);
                break;
            case ScreeningApproved approved:
                operations.QueueSqlCommand(
                    $"update {Table} set outcome = ?, eligibility_outcome = ?, fired_rule_ids = ?, protocol_version = ?, decision_month = ? " +
                    "where screening_id = ?",
                    Approved,
                    approved.OutcomeAtSignOff.ToString(),
                    approved.RuleIdsAtSignOff.ToArray(),
                    approved.ProtocolVersion,
                    MonthOf(approved.ApprovedAt),
                    approved.ScreeningId);
                break;
            case ScreeningDeclined declined:
                // The decline reason is the prescriber's free text: it stays out of the analysts' table.
                operations.QueueSqlCommand(
                    $"update {Table} set outcome = ?, fired_rule_ids = ?, protocol_version = ?, decision_month = ? where screening_id = ?",
                    Declined,
                    declined.RuleIds.ToArray(),
                    declined.ProtocolVersion,
                    MonthOf(declined.DeclinedAt),
                    declined.ScreeningId);
                break;
            case ReScreeningRequired required:
                operations.QueueSqlCommand(
                    $"update {Table} set re_screening_required = true where screening_id = ?",
                    required.ScreeningId);
                break;
            case ReScreeningWaived { ApprovedAgain: true } waived:
                operations.QueueSqlCommand(
                    $"update {Table} set re_screening_required = false where screening_id = ?",
                    waived.ScreeningId);
                break;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Months, not days: analysts need trends, and a full date narrows re-identification.</summary>
    public static DateOnly MonthOf(DateTimeOffset at) => new(at.UtcDateTime.Year, at.UtcDateTime.Month, 1);
}
