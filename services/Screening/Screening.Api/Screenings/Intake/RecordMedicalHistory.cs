namespace Screening.Api.Screenings;

/// <summary>A complete medical history; it replaces the previous one.</summary>
public sealed record RecordMedicalHistory(MedicalHistory History, Guid RecordedBy)
{
    public FieldErrors Validate(ClinicTime now)
    {
        var errors = new FieldErrors();
        if (History is not { } history)
        {
            return errors.Add("history", "is required");
        }

        errors.Defined(history.HepaticImpairment, "hepaticImpairment");
        if (history.CardiovascularEvents is null)
        {
            return errors.Add("cardiovascularEvents", "is required (empty when none)");
        }

        for (var i = 0; i < history.CardiovascularEvents.Count; i++)
        {
            var e = history.CardiovascularEvents[i];
            errors
                .Defined(e.Kind, $"cardiovascularEvents[{i}].kind")
                .NotInFuture(e.OccurredOn, now.Today, $"cardiovascularEvents[{i}].occurredOn");
        }

        return errors;
    }

    public static Decision Decide(RecordMedicalHistory command, ScreeningCase? state, ClinicTime now, ScreeningProtocol protocol) =>
        ScreeningRules.NotOpen(state)
        ?? ScreeningRules.AcceptWithEvaluation(state, now, protocol, new MedicalHistoryRecorded(state!.Id, command.History, command.RecordedBy, now.Utc));

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder screenings) =>
        screenings.MapPut("/{screeningId:guid}/medical-history", Handle).AsFact("Record the medical history (replaces the previous one)");

    private static Task<Results<Ok<CommandAccepted>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid screeningId, MedicalHistory body, Clinician clinician, ScreeningProtocol protocol, [AsParameters] CommandContext context)
    {
        var now = context.Now;
        var command = new RecordMedicalHistory(body, clinician.Id);
        return context.RunAsync<ScreeningCase>(screeningId, state => Decide(command, state, now, protocol), command.Validate(now));
    }
}
