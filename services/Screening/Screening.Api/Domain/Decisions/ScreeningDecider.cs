using Platform.ServiceDefaults.Domain;
using Screening.Api.Domain.Eligibility;
using Screening.Api.Domain.Eligibility.Rules;
using Screening.Api.Domain.Validation;

namespace Screening.Api.Domain.Decisions;

/// <summary>
/// Pure decide functions: command + current state + clock + protocol in, events or a rejection out.
/// Input is validated again here (the HTTP layer validates first for a 400) so a decision never emits
/// events from impossible input.
/// </summary>
public static partial class ScreeningDecider
{
    /// <summary>Dates in the rules are calendar dates; the clinic's day is taken as the UTC day.</summary>
    public static DateOnly Today(DateTimeOffset now) => FieldChecks.Today(now);

    private static Decision? Invalid(FieldErrors errors) =>
        errors.Any
            ? Decision.Reject(
                RuleIds.InvalidInput,
                string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")))
            : null;

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
        DateTimeOffset now,
        ClinicProtocol protocol,
        params object[] events)
    {
        var next = events.Aggregate(state, ScreeningEvolution.Evolve)
            ?? throw new InvalidOperationException("The events did not produce a screening.");
        var evaluation = EligibilityEvaluator.Evaluate(next, protocol, Today(now));
        return evaluation.SameAs(next.LastEvaluation)
            ? Decision.Accept(events)
            : Decision.Accept([.. events, evaluation.ToEvent(next.Id, now)]);
    }
}
