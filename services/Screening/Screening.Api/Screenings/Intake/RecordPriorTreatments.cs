namespace Screening.Api.Screenings;

public sealed record RecordPriorTreatments(PriorTreatments Treatments, Guid RecordedBy)
{
    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        if (Treatments is not { } treatments)
        {
            return errors.Add("treatments", "is required");
        }

        if (treatments.AntidepressantTrials is null)
        {
            errors.Add("antidepressantTrials", "is required (empty when none)");
        }
        else
        {
            for (var i = 0; i < treatments.AntidepressantTrials.Count; i++)
            {
                var t = treatments.AntidepressantTrials[i];
                errors
                    .RequiredText(t.Drug, $"antidepressantTrials[{i}].drug")
                    .InRange(t.Weeks, 0, 520, $"antidepressantTrials[{i}].weeks")
                    .InRange(t.ImprovementPercent, 0, 100, $"antidepressantTrials[{i}].improvementPercent");
            }
        }

        if (treatments.Psychotherapy is null)
        {
            return errors.Add("psychotherapy", "is required (empty when none)");
        }

        for (var i = 0; i < treatments.Psychotherapy.Count; i++)
        {
            var p = treatments.Psychotherapy[i];
            errors
                .RequiredText(p.Modality, $"psychotherapy[{i}].modality")
                .InRange(p.Sessions, 0, 1_000, $"psychotherapy[{i}].sessions");
        }

        return errors;
    }

    public static Decision Decide(RecordPriorTreatments command, ScreeningCase? state, ClinicTime now, ScreeningProtocol protocol) =>
        ScreeningRules.NotOpen(state)
        ?? ScreeningRules.AcceptWithEvaluation(state, now, protocol, new PriorTreatmentsRecorded(state!.Id, command.Treatments, command.RecordedBy, now.Utc));

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder screenings) =>
        screenings.MapPut("/{screeningId:guid}/prior-treatments", Handle).AsFact("Record antidepressant trials and psychotherapy");

    private static Task<Results<Ok<CommandAccepted>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid screeningId, PriorTreatments body, Clinician clinician, ScreeningProtocol protocol, [AsParameters] CommandContext context)
    {
        var now = context.Now;
        var command = new RecordPriorTreatments(body, clinician.Id);
        return context.RunAsync<ScreeningCase>(screeningId, state => Decide(command, state, now, protocol), command.Validate());
    }
}
