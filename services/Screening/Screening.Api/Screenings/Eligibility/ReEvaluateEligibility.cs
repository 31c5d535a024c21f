namespace Screening.Api.Screenings;

/// <summary>Re-runs the rules without a new fact: time passes (abstinence, age) and protocols change.</summary>
public sealed record ReEvaluateEligibility
{
    /// <summary>Appends an evaluation only if today's result differs from the recorded one.</summary>
    public static Decision Decide(ReEvaluateEligibility command, ScreeningCase? state, ClinicTime now, ScreeningProtocol protocol)
    {
        if (!ScreeningRefusals.IsOpen(state, out var refused))
        {
            return refused;
        }

        return ScreeningRules.AcceptWithEvaluation(state, now, protocol);
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder screenings) =>
        screenings.MapPost("/{screeningId:guid}/eligibility/re-evaluation", Handle)
            .AsCommand(
                ScreeningRules.Tag, "Re-run the rules without a new fact (time passed, or the clinic changed its protocol)", Roles.Intake, Roles.Prescriber);

    private static Task<Results<Ok<CommandAccepted>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid screeningId, ScreeningProtocol protocol, [AsParameters] CommandContext context)
    {
        var now = context.Now;
        return context.RunAsync<ScreeningCase>(screeningId, state => Decide(new ReEvaluateEligibility(), state, now, protocol));
    }
}
