namespace Screening.Api.Screenings;

/// <summary>The complete current medication list; an empty list records "no medications".</summary>
public sealed record MedicationsRequest(IReadOnlyList<Medication> Medications);

/// <summary>The complete current list; an empty list records "no medications".</summary>
public sealed record RecordMedications(IReadOnlyList<Medication> Medications, Guid RecordedBy)
{
    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        if (Medications is null)
        {
            return errors.Add("medications", "is required (empty when none)");
        }

        for (var i = 0; i < Medications.Count; i++)
        {
            var m = Medications[i];
            var field = $"medications[{i}]";
            errors
                .Defined(m.Class, $"{field}.class")
                .RequiredText(m.Name, $"{field}.name")
                .InRange(m.DailyDoseMg, 0m, 100_000m, $"{field}.dailyDoseMg")
                .InRange(m.DiazepamEquivalentMgPerDay, 0m, 1_000m, $"{field}.diazepamEquivalentMgPerDay")
                .Require(
                    m.Class != MedicationClass.Benzodiazepine || m.DiazepamEquivalentMgPerDay is not null,
                    $"{field}.diazepamEquivalentMgPerDay",
                    "is required for a benzodiazepine");
        }

        return errors;
    }

    public static Decision Decide(RecordMedications command, ScreeningCase? state, ClinicTime now, ScreeningProtocol protocol) =>
        ScreeningRules.NotOpen(state)
        ?? ScreeningRules.AcceptWithEvaluation(state, now, protocol, new MedicationsRecorded(state!.Id, command.Medications, command.RecordedBy, now.Utc));

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder screenings) =>
        screenings.MapPut("/{screeningId:guid}/medications", Handle).AsFact("Record the complete current medication list");

    private static Task<Results<Ok<CommandAccepted>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid screeningId, MedicationsRequest body, Clinician clinician, ScreeningProtocol protocol, [AsParameters] CommandContext context)
    {
        var now = context.Now;
        var command = new RecordMedications(body.Medications, clinician.Id);
        return context.RunAsync<ScreeningCase>(screeningId, state => Decide(command, state, now, protocol), command.Validate());
    }
}
