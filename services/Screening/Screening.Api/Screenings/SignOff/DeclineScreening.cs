namespace Screening.Api.Screenings;

public sealed record DeclineRequest(string Reason);

public sealed record DeclineScreening(Guid PrescriberId, string Reason)
{
    public FieldErrors Validate() =>
        new FieldErrors().RequiredText(Reason, "reason", ApproveScreening.MaxJustificationLength);

    public static Decision Decide(DeclineScreening command, ScreeningCase? state, ClinicTime now, ScreeningProtocol protocol)
    {
        if (!ScreeningRefusals.IsOpen(state, out var refused))
        {
            return refused;
        }

        var evaluation = EligibilityEvaluator.Evaluate(state, protocol, now);
        var declined = new ScreeningDeclined(
            state.Id,
            state.PatientId,
            command.PrescriberId,
            command.Reason.Trim(),
            evaluation.FiredRuleIds,
            now.Utc,
            protocol.Version);
        return ScreeningRules.AcceptAfterEvaluation(state, evaluation, now, declined);
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder screenings) =>
        screenings.MapPost("/{screeningId:guid}/decline", Handle)
            .AsCommand(ScreeningRules.Tag, "Decline with a reason (no patient identifiers in it: it is shared with other services)", Roles.Prescriber);

    private static Task<Results<Ok<CommandAccepted>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid screeningId, DeclineRequest body, Clinician clinician, ScreeningProtocol protocol, [AsParameters] CommandContext context)
    {
        var now = context.Now;
        var command = new DeclineScreening(clinician.Id, body.Reason);
        return context.RunAsync<ScreeningCase>(screeningId, state => Decide(command, state, now, protocol), command.Validate());
    }
}
