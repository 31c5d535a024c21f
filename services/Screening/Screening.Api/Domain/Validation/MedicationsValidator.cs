using Platform.ServiceDefaults.Domain;
using Screening.Api.Domain.Commands;
using Screening.Api.Domain.Facts;

namespace Screening.Api.Domain.Validation;

public static class MedicationsValidator
{
    public static FieldErrors Validate(RecordMedications command)
    {
        var errors = new FieldErrors();
        if (command.Medications is null)
        {
            return errors.Add("medications", "is required (empty when none)");
        }

        for (var i = 0; i < command.Medications.Count; i++)
        {
            var m = command.Medications[i];
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
}
