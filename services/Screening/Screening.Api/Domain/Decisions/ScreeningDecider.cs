using Platform.ServiceDefaults.Time;
using Platform.ServiceDefaults.Domain;
using Screening.Api.Domain.Eligibility;
using Screening.Api.Domain.Eligibility.Rules;
using Screening.Api.Domain.Validation;

namespace Screening.Api.Domain.Decisions;

/// <summary>
/// Pure decide functions: command + current state + clock + protocol in, events or a rejection out.
/// Input is validated once, at the endpoint (a 400 naming each field); these hold the business rules only.
/// </summary>
public static partial class ScreeningDecider
{
    private static Decision? NotOpen(ScreeningCase? state) => state switch
    {
        null => Decision.Reject(RuleIds.CaseNotFound, "No screening with this id."),
        { IsClosed: true } => Decision.Reject(RuleIds.CaseClosed, $"The screening is {state.Status} and can no longer change."),
        _ => null,
    };

    /// <summary>
    /// Folds the new fact events into the state and appends an evaluation when the result differs from the
    /// last recorded one, so the evaluation always follows the facts.
    /// </summary>
    private static Decision AcceptWithEvaluation(
        ScreeningCase? state,
        ClinicTime now,
        ScreeningProtocol protocol,
        params object[] events)
    {
        var next = events.Aggregate(state, ScreeningEvolution.Evolve)
            ?? throw new InvalidOperationException("The events did not produce a screening.");
        var evaluation = EligibilityEvaluator.Evaluate(next, protocol, now.Today);
        return evaluation.SameAs(next.LastEvaluation)
            ? Decision.Accept(events)
            : Decision.Accept([.. events, evaluation.ToEvent(next.Id, now.Utc)]);
    }
}
