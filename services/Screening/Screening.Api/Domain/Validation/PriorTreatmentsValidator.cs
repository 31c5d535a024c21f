using Platform.ServiceDefaults.Domain;
using Screening.Api.Domain.Commands;

namespace Screening.Api.Domain.Validation;

public static class PriorTreatmentsValidator
{
    public static FieldErrors Validate(RecordPriorTreatments command)
    {
        var errors = new FieldErrors();
        if (command.Treatments is not { } treatments)
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
}
