using Platform.ServiceDefaults.Time;
using Platform.ServiceDefaults.Domain;
using Screening.Api.Domain.Commands;
using Screening.Api.Domain.Eligibility;
using Screening.Api.Domain.Events;
using Screening.Api.Domain.Validation;

namespace Screening.Api.Domain.Decisions;

public static partial class ScreeningDecider
{
    /// <summary>
    /// Approval re-runs the rules at signing time: never over an ineligible reason or missing facts;
    /// "needs review" only with a written justification.
    /// </summary>
    public static Decision Decide(ApproveScreening command, ScreeningCase? state, ClinicTime now, ScreeningProtocol protocol)
    {
        if ((NotOpen(state)) is { } rejected)
        {
            return rejected;
        }

        var screening = state!;
        var evaluation = EligibilityEvaluator.Evaluate(screening, protocol, now.Today);
        if (!evaluation.IsComplete)
        {
            var incomplete = evaluation.Reasons.First(r => r.RuleId == RuleIds.Incomplete);
            return Decision.Reject(RuleIds.Incomplete, incomplete.Explanation);
        }

        if (evaluation.Reasons.FirstOrDefault(r => r.Outcome == EligibilityOutcome.Ineligible) is { } ineligible)
        {
            return Decision.Reject(ineligible.RuleId, $"Cannot approve over an ineligible reason: {ineligible.Explanation}");
        }

        var justification = string.IsNullOrWhiteSpace(command.Justification) ? null : command.Justification.Trim();
        if (evaluation.Outcome == EligibilityOutcome.NeedsReview && justification is null)
        {
            return Decision.Reject(
                RuleIds.JustificationRequired,
                $"The screening needs review ({string.Join(", ", evaluation.FiredRuleIds.Where(id => IsReview(evaluation, id)))}): approving it requires a written justification.");
        }

        var approved = new ScreeningApproved(
            screening.Id,
            command.CourseId,
            screening.PatientId,
            screening.Referral.Indication,
            screening.Referral.RequestedRoute,
            evaluation.Outcome,
            evaluation.FiredRuleIds,
            evaluation.Conditions,
            screening.Instruments.Select(i => i.ToScore()).ToList(),
            screening.Vitals?.WeightKg,
            command.PrescriberId,
            justification,
            now.Utc,
            now.Utc.AddDays(protocol.ApprovalValidityDays),
            protocol.Version);

        return evaluation.SameAs(screening.LastEvaluation)
            ? Decision.Accept(approved)
            : Decision.Accept(evaluation.ToEvent(screening.Id, now.Utc), approved);
    }

    public static Decision Decide(DeclineScreening command, ScreeningCase? state, ClinicTime now, ScreeningProtocol protocol)
    {
        if ((NotOpen(state)) is { } rejected)
        {
            return rejected;
        }

        var screening = state!;
        var evaluation = EligibilityEvaluator.Evaluate(screening, protocol, now.Today);
        var declined = new ScreeningDeclined(
            screening.Id,
            screening.PatientId,
            command.PrescriberId,
            command.Reason.Trim(),
            evaluation.FiredRuleIds,
            now.Utc,
            protocol.Version);

        return evaluation.SameAs(screening.LastEvaluation)
            ? Decision.Accept(declined)
            : Decision.Accept(evaluation.ToEvent(screening.Id, now.Utc), declined);
    }

    /// <summary>
    /// Idempotent: a case already flagged accepts with no events, so a redelivered safety hold is harmless.
    /// Only an approved case can need re-screening; an open case is simply re-evaluated instead.
    /// </summary>
    public static Decision Decide(RequireReScreening command, ScreeningCase? state, ClinicTime now, ScreeningProtocol protocol)
    {
        if (state is null)
        {
            return Decision.Reject(RuleIds.CaseNotFound, "No screening with this id.");
        }

        if (state.Status == ScreeningStatus.ReScreeningRequired)
        {
            return Decision.Accept();
        }

        if (state.Status != ScreeningStatus.Approved)
        {
            return Decision.Reject(RuleIds.NotApproved, $"The screening is {state.Status}: only an approved screening can require re-screening.");
        }

        return Decision.Accept(new ReScreeningRequired(
                state.Id,
                state.PatientId,
                state.Approval?.CourseId,
                command.HoldId,
                command.Reason.Trim(),
                now.Utc));
    }

    private static bool IsReview(EligibilityEvaluation evaluation, string ruleId) =>
        evaluation.Reasons.Any(r => r.RuleId == ruleId && r.Outcome == EligibilityOutcome.NeedsReview);
}
