namespace Screening.Api.Screenings;

public sealed record RecordPriorTreatments(PriorTreatments Treatments, Guid RecordedBy) : IIntakeFact
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder screenings) =>
        screenings.MapFact<PriorTreatments>(HttpMethods.Put, "prior-treatments", (body, by) => new RecordPriorTreatments(body, by), "Record antidepressant trials and psychotherapy");

    public object Recorded(Guid screeningId, ClinicTime now) => new PriorTreatmentsRecorded(screeningId, Treatments, RecordedBy, now.Utc);

    public FieldErrors Validate(ClinicTime now)
    {
        var treatments = Treatments;
        var errors = new FieldErrors();
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
}
