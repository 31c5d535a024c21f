using Platform.ServiceDefaults.Time;
using Platform.ServiceDefaults.Domain;
using Screening.Api.Domain.Commands;

namespace Screening.Api.Domain.Validation;

/// <summary>Physiologically impossible readings are typing errors, not facts to evaluate.</summary>
public static class VitalsValidator
{
    public static FieldErrors Validate(RecordVitals command, ClinicTime now)
    {
        var errors = new FieldErrors();
        if (command.Vitals is not { } v)
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
}
