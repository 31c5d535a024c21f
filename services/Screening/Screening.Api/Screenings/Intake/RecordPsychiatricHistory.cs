namespace Screening.Api.Screenings;

/// <summary>A complete psychiatric history; it replaces the previous one.</summary>
public sealed record RecordPsychiatricHistory(PsychiatricHistory History, Guid RecordedBy)
{
    public FieldErrors Validate(ClinicTime now)
    {
        var errors = new FieldErrors();
        if (History is not { } history)
        {
            return errors.Add("history", "is required");
        }

        errors
            .NotInFuture(history.SubstanceLastUsedOn, now.Today, "substanceLastUsedOn")
            .NotInFuture(history.KetamineOrPcpMisuseLastOn, now.Today, "ketamineOrPcpMisuseLastOn")
            .Require(history.Substances is not null, "substances", "is required (empty when none)");
        if (history.Substances is null)
        {
            return errors;
        }

        errors.Require(
            !history.SubstanceUseDisorder || history.Substances.Count > 0,
            "substances",
            "name at least one substance when substanceUseDisorder is true");
        for (var i = 0; i < history.Substances.Count; i++)
        {
            errors.RequiredText(history.Substances[i], $"substances[{i}]");
        }

        return errors;
    }

    public static Decision Decide(RecordPsychiatricHistory command, ScreeningCase? state, ClinicTime now, ScreeningProtocol protocol) =>
        ScreeningRules.NotOpen(state)
        ?? ScreeningRules.AcceptWithEvaluation(state, now, protocol, new PsychiatricHistoryRecorded(state!.Id, command.History, command.RecordedBy, now.Utc));

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder screenings) =>
        screenings.MapPut("/{screeningId:guid}/psychiatric-history", Handle).AsFact("Record the psychiatric history (replaces the previous one)");

    private static Task<Results<Ok<CommandAccepted>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid screeningId, PsychiatricHistory body, Clinician clinician, ScreeningProtocol protocol, [AsParameters] CommandContext context)
    {
        var now = context.Now;
        var command = new RecordPsychiatricHistory(body, clinician.Id);
        return context.RunAsync<ScreeningCase>(screeningId, state => Decide(command, state, now, protocol), command.Validate(now));
    }
}
