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
        screenings.MapPut("/{screeningId:guid}/medical-history", HandleAsync).AsFact("Record the medical history (replaces the previous one)");

    private static Task<Results<Ok<CommandAccepted>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid screeningId, MedicalHistory body, Clinician clinician, HttpContext http, IDocumentSession session, ClinicClock clock, ScreeningProtocol protocol, CancellationToken ct)
    {
        var now = clock.Now();
        var command = new RecordMedicalHistory(body, clinician.Id);
        return StreamCommands.HandleAsync<ScreeningCase>(session, http, screeningId, state => Decide(command, state, now, protocol), ct, command.Validate(now));
    }
}
