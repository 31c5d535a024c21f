using Platform.ServiceDefaults.Time;
using Platform.ServiceDefaults.Domain;
using Screening.Api.Domain.Commands;

namespace Screening.Api.Domain.Validation;

public static class MedicalHistoryValidator
{
    public static FieldErrors Validate(RecordMedicalHistory command, ClinicTime now)
    {
        var errors = new FieldErrors();
        if (command.History is not { } history)
        {
            return errors.Add("history", "is required");
        }

        errors.Defined(history.HepaticImpairment, "hepaticImpairment");
        if (history.CardiovascularEvents is null)
        {
            return errors.Add("cardiovascularEvents", "is required (empty when none)");
        }

        var today = now.Today;
        for (var i = 0; i < history.CardiovascularEvents.Count; i++)
        {
            var e = history.CardiovascularEvents[i];
            errors
                .Defined(e.Kind, $"cardiovascularEvents[{i}].kind")
                .NotInFuture(e.OccurredOn, today, $"cardiovascularEvents[{i}].occurredOn");
        }

        return errors;
    }
}
