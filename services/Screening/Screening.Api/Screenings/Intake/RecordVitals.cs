namespace Screening.Api.Screenings;

/// <summary>Physiologically impossible readings are typing errors, not facts to evaluate.</summary>
public sealed record RecordVitals(Vitals Vitals, Guid RecordedBy)
{
    public FieldErrors Validate(ClinicTime now)
    {
        var errors = new FieldErrors();
        if (Vitals is not { } v)
        {
            return errors.Add("vitals", "is required");
        }

        errors
            .InRange(v.Systolic, 50, 300, "systolic")
            .InRange(v.Diastolic, 20, 200, "diastolic")
            .InRange(v.HeartRate, 20, 250, "heartRate")
            .InRange(v.WeightKg, 20m, 400m, "weightKg")
            .NotInFuture(v.TakenAt, now.Utc, "takenAt")
            .Require(v.TakenAt != default, "takenAt", "is required");
        return errors.Require(v.Diastolic < v.Systolic, "diastolic", "must be lower than systolic");
    }

    public static Decision Decide(RecordVitals command, ScreeningCase? state, ClinicTime now, ScreeningProtocol protocol) =>
        ScreeningRules.NotOpen(state)
        ?? ScreeningRules.AcceptWithEvaluation(state, now, protocol, new VitalsRecorded(state!.Id, command.Vitals, command.RecordedBy, now.Utc));

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder screenings) =>
        screenings.MapPost("/{screeningId:guid}/vitals", Handle).AsFact("Record a resting vitals reading (the latest is used)");

    private static Task<Results<Ok<CommandAccepted>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid screeningId, Vitals body, Clinician clinician, ScreeningProtocol protocol, [AsParameters] CommandContext context)
    {
        var now = context.Now;
        var command = new RecordVitals(body, clinician.Id);
        return context.RunAsync<ScreeningCase>(screeningId, state => Decide(command, state, now, protocol), command.Validate(now));
    }
}
