using JasperFx.Events;
using Marten.Events.Projections;
using Platform.ServiceDefaults.Analytics;

namespace Screening.Api.Queries;

/// <summary>
/// Writes the analysts' table from the screening events. Statements are idempotent (insert-if-absent, updates
/// keyed by the screening's pseudonym) so a projection rebuild or a replayed page leaves the same rows.
/// </summary>
public sealed class ScreeningDecisionsProjection : EventProjection
{
    public const string Open = "open";
    public const string Approved = "approved";
    public const string Declined = "declined";

    private static readonly string Table = AnalystTables.ScreeningDecisions.QualifiedName;

    private readonly AnalystPseudonyms pseudonyms;

    public ScreeningDecisionsProjection(AnalystPseudonyms pseudonyms)
    {
        this.pseudonyms = pseudonyms;
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
                    $"insert into {Table} (screening_key, clinic, indication, route, referral_month, outcome, fired_rule_categories) " +
                    "values (?, ?, ?, ?, ?, ?, ?) on conflict (screening_key) do nothing",
                    pseudonyms.Screening(referred.ScreeningId),
                    e.TenantId,
                    referred.Indication.ToString(),
                    referred.RequestedRoute.ToString(),
                    MonthOf(referred.ReferredAt),
                    Open,
                    Array.Empty<string>());
                break;
            case EligibilityEvaluated evaluated:
                operations.QueueSqlCommand(
                    $"update {Table} set eligibility_outcome = ?, fired_rule_categories = ?, protocol_version = ? " +
                    "where screening_key = ? and outcome = ?",
                    evaluated.Outcome.ToString(),
                    RuleCategories.Of(evaluated.Reasons.Where(r => r.Outcome != EligibilityOutcome.Eligible).Select(r => r.RuleId)),
                    evaluated.ProtocolVersion,
                    pseudonyms.Screening(evaluated.ScreeningId),
                    Open);
                break;
            case ScreeningApproved approved:
                operations.QueueSqlCommand(
                    $"update {Table} set outcome = ?, eligibility_outcome = ?, fired_rule_categories = ?, protocol_version = ?, decision_month = ?, " +
                    "course_key = ? where screening_key = ?",
                    Approved,
                    approved.OutcomeAtSignOff.ToString(),
                    RuleCategories.Of(approved.RuleIdsAtSignOff),
                    approved.ProtocolVersion,
                    MonthOf(approved.ApprovedAt),
                    pseudonyms.Course(approved.CourseId),
                    pseudonyms.Screening(approved.ScreeningId));
                break;
            case ScreeningDeclined declined:
                // The decline reason is the prescriber's free text: it stays out of the analysts' table.
                operations.QueueSqlCommand(
                    $"update {Table} set outcome = ?, fired_rule_categories = ?, protocol_version = ?, decision_month = ? where screening_key = ?",
                    Declined,
                    RuleCategories.Of(declined.RuleIds),
                    declined.ProtocolVersion,
                    MonthOf(declined.DeclinedAt),
                    pseudonyms.Screening(declined.ScreeningId));
                break;
            case ReScreeningRequired required:
                operations.QueueSqlCommand(
                    $"update {Table} set re_screening_required = true where screening_key = ?",
                    pseudonyms.Screening(required.ScreeningId));
                break;
            case ReScreeningWaived { ApprovedAgain: true } waived:
                operations.QueueSqlCommand(
                    $"update {Table} set re_screening_required = false where screening_key = ?",
                    pseudonyms.Screening(waived.ScreeningId));
                break;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Months, not days: analysts need trends, and a full date narrows re-identification.</summary>
    public static DateOnly MonthOf(DateTimeOffset at) => new(at.UtcDateTime.Year, at.UtcDateTime.Month, 1);
}
