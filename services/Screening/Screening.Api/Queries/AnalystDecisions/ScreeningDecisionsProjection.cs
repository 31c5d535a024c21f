using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten.Events.Projections;
using Platform.ServiceDefaults.Analytics;

namespace Screening.Api.Queries;

/// <summary>
/// Writes the analysts' table from the screening events, per daemon page: what the page's events mean for each
/// screening is folded first, then each kind of change is one statement for all of them (one statement per event was
/// 64,000 single-row updates in the chain year's rebuild). Inserts leave existing keys alone and updates set values,
/// so a rebuild or a replayed page leaves the same rows.
/// </summary>
public sealed class ScreeningDecisionsProjection(AnalystPseudonyms pseudonyms) : IProjection
{
    public const string Name = "ScreeningDecisions";
    public const string Open = "open";
    public const string Approved = "approved";
    public const string Declined = "declined";

    private static readonly AnalystTable Table = AnalystTables.ScreeningDecisions;

    /// <summary>Only an open screening takes a new evaluation.</summary>
    private static readonly string EvaluateSql =
        $"update {Table.QualifiedName} d set eligibility_outcome = r.eligibility_outcome, fired_rule_categories = r.fired_rule_categories, " +
        $"protocol_version = r.protocol_version from {Table.RecordsetSql("screening_key", "eligibility_outcome", "fired_rule_categories", "protocol_version")} " +
        $"where d.screening_key = r.screening_key and d.outcome = '{Open}'";

    /// <summary>A null in the row leaves the column as it is (<see cref="DecisionRow"/>).</summary>
    private static readonly string DecideSql =
        $"update {Table.QualifiedName} d set outcome = r.outcome, eligibility_outcome = coalesce(r.eligibility_outcome, d.eligibility_outcome), " +
        "fired_rule_categories = r.fired_rule_categories, protocol_version = r.protocol_version, decision_month = r.decision_month, " +
        "course_key = coalesce(r.course_key, d.course_key) " +
        $"from {Table.RecordsetSql("screening_key", "outcome", "eligibility_outcome", "fired_rule_categories", "protocol_version", "decision_month", "course_key")} " +
        "where d.screening_key = r.screening_key";

    private static readonly string ReScreeningSql =
        $"update {Table.QualifiedName} d set re_screening_required = r.re_screening_required " +
        $"from {Table.RecordsetSql("screening_key", "re_screening_required")} where d.screening_key = r.screening_key";

    /// <summary>The projection as the daemon runs it, reading only the events it folds.</summary>
    public static ProjectionWrapper<IDocumentOperations, IQuerySession> Source(AnalystPseudonyms pseudonyms) =>
        AnalystProjections.Source(
            new ScreeningDecisionsProjection(pseudonyms),
            Name,
            typeof(ScreeningReferred),
            typeof(EligibilityEvaluated),
            typeof(ScreeningApproved),
            typeof(ScreeningDeclined),
            typeof(ReScreeningRequired),
            typeof(ReScreeningWaived));

    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        AnalystProjections.ApplyPage(operations, events, () => new Page(), Fold, (page, batch, clinic) => page.Write(batch, clinic));
        return Task.CompletedTask;
    }

    private void Fold(Page page, object data)
    {
        switch (data)
        {
            case ScreeningReferred referred:
                page.Referrals.TryAdd(referred.ScreeningId, new ReferralRow(
                    pseudonyms.Screening(referred.ScreeningId), referred.Indication.ToString(), referred.RequestedRoute.ToString(), MonthOf(referred.ReferredAt),
                    Open, []));
                break;
            case EligibilityEvaluated evaluated when !page.Decisions.ContainsKey(evaluated.ScreeningId):
                // Only an open screening takes a new evaluation (checked in SQL for earlier pages); after a decision in
                // this page it would not be open any more.
                page.Evaluations[evaluated.ScreeningId] = new EvaluationRow(
                    pseudonyms.Screening(evaluated.ScreeningId),
                    evaluated.Outcome.ToString(),
                    RuleCategories.Of(evaluated.Reasons.Where(r => r.Outcome != EligibilityOutcome.Eligible).Select(r => r.RuleId)),
                    evaluated.ProtocolVersion);
                break;
            case ScreeningApproved approved:
                page.Decide(approved.ScreeningId, new DecisionRow(
                    pseudonyms.Screening(approved.ScreeningId), Approved, approved.OutcomeAtSignOff.ToString(), RuleCategories.Of(approved.RuleIdsAtSignOff),
                    approved.ProtocolVersion, MonthOf(approved.ApprovedAt), pseudonyms.Course(approved.CourseId)));
                break;
            case ScreeningDeclined declined:
                // The decline reason is the prescriber's free text: it stays out of the analysts' table.
                page.Decide(declined.ScreeningId, new DecisionRow(
                    pseudonyms.Screening(declined.ScreeningId), Declined, null, RuleCategories.Of(declined.RuleIds), declined.ProtocolVersion,
                    MonthOf(declined.DeclinedAt), null));
                break;
            case ReScreeningRequired required:
                page.ReScreening[required.ScreeningId] = new ReScreeningRow(pseudonyms.Screening(required.ScreeningId), true);
                break;
            case ReScreeningWaived { ApprovedAgain: true } waived:
                page.ReScreening[waived.ScreeningId] = new ReScreeningRow(pseudonyms.Screening(waived.ScreeningId), false);
                break;
        }
    }

    /// <summary>Months, not days: analysts need trends, and a full date narrows re-identification.</summary>
    public static DateOnly MonthOf(DateTimeOffset at) => new(at.UtcDateTime.Year, at.UtcDateTime.Month, 1);

    // Rows as the table names its columns (AnalystTable.Json writes them snake_case).
    private sealed record ReferralRow(
        Guid ScreeningKey, string Indication, string Route, DateOnly ReferralMonth, string Outcome, string[] FiredRuleCategories, bool ReScreeningRequired = false);

    private sealed record EvaluationRow(Guid ScreeningKey, string EligibilityOutcome, string[] FiredRuleCategories, string ProtocolVersion);

    /// <summary>A sign-off; null leaves the column as it is (a decline does not change the eligibility outcome or the course).</summary>
    private sealed record DecisionRow(
        Guid ScreeningKey, string Outcome, string? EligibilityOutcome, string[] FiredRuleCategories, string ProtocolVersion, DateOnly DecisionMonth, Guid? CourseKey);

    private sealed record ReScreeningRow(Guid ScreeningKey, bool ReScreeningRequired);

    /// <summary>One clinic's share of a page, folded per screening: the first referral, the last evaluation before a decision, the decisions merged in order, the last re-screening flag.</summary>
    private sealed class Page
    {
        public Dictionary<Guid, ReferralRow> Referrals { get; } = [];

        public Dictionary<Guid, EvaluationRow> Evaluations { get; } = [];

        public Dictionary<Guid, DecisionRow> Decisions { get; } = [];

        public Dictionary<Guid, ReScreeningRow> ReScreening { get; } = [];

        /// <summary>A later decision sets what it sets; what it leaves alone keeps the earlier decision's value, as two updates in order would.</summary>
        public void Decide(Guid screeningId, DecisionRow decision) =>
            Decisions[screeningId] = Decisions.TryGetValue(screeningId, out var earlier)
                ? decision with { EligibilityOutcome = decision.EligibilityOutcome ?? earlier.EligibilityOutcome, CourseKey = decision.CourseKey ?? earlier.CourseKey }
                : decision;

        /// <summary>In the order the events' own statements would run: the row, its evaluation while open, the decision, the flag.</summary>
        public void Write(IDocumentOperations operations, string clinic)
        {
            AnalystProjections.Insert(operations, AnalystTables.ScreeningDecisions.InsertNewFromJsonSql, clinic, Referrals.Values);
            AnalystProjections.Update(operations, EvaluateSql, Evaluations.Values);
            AnalystProjections.Update(operations, DecideSql, Decisions.Values);
            AnalystProjections.Update(operations, ReScreeningSql, ReScreening.Values);
        }
    }
}
