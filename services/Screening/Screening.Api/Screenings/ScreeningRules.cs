namespace Screening.Api.Screenings;

/// <summary>The steps several command slices share: re-evaluating after facts, and the tag and roles of the endpoints.</summary>
public static class ScreeningRules
{
    /// <summary>The OpenAPI tag of the screening commands and reads.</summary>
    public const string Tag = "Screenings";

    /// <summary>
    /// Folds the new fact events into the state and appends an evaluation when the result differs from the
    /// last recorded one, so the evaluation always follows the facts.
    /// </summary>
    public static Decision AcceptWithEvaluation(ScreeningCase? state, ClinicTime now, ScreeningProtocol protocol, params object[] events)
    {
        var next = events.Aggregate(state, ScreeningCase.Evolve)
            ?? throw new InvalidOperationException("The events did not produce a screening.");
        var evaluation = EligibilityEvaluator.Evaluate(next, protocol, now);
        return evaluation.SameAs(next.LastEvaluation)
            ? Decision.Accept(events)
            : Decision.Accept([.. events, evaluation.ToEvent(next.Id, now.Utc)]);
    }

    /// <summary>Either outcome with the evaluation at decision time, appended first when it changed.</summary>
    public static Decision AcceptAfterEvaluation(ScreeningCase screening, EligibilityEvaluation evaluation, ClinicTime now, object decided) =>
        evaluation.SameAs(screening.LastEvaluation)
            ? Decision.Accept(decided)
            : Decision.Accept(evaluation.ToEvent(screening.Id, now.Utc), decided);

    /// <summary>Who may record intake facts: the intake team and prescribers.</summary>
    public static RouteHandlerBuilder AsFact(this RouteHandlerBuilder endpoint, string summary) =>
        endpoint.AsCommand(Tag, summary, Roles.Intake, Roles.Prescriber);
}
