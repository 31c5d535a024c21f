using Platform.ServiceDefaults.Time;
using Platform.ServiceDefaults.Domain;
using Screening.Api.Domain.Commands;

namespace Screening.Api.Domain.Validation;

public static class ReferScreeningValidator
{
    public static FieldErrors Validate(ReferScreening command, ClinicTime now)
    {
        var errors = new FieldErrors()
            .NotEmpty(command.ScreeningId, "screeningId")
            .NotEmpty(command.PatientId, "patientId")
            .RequiredText(command.ExternalReference, "externalReference")
            .RequiredText(command.ReferringClinician, "referringClinician")
            .Defined(command.Indication, "indication")
            .Defined(command.RequestedRoute, "requestedRoute");

        if (command.Patient is not { } patient)
        {
            return errors.Add("patient", "is required");
        }

        var today = now.Today;
        return errors
            .RequiredText(patient.FullName, "patient.fullName")
            .NotInFuture(patient.BirthDate, today, "patient.birthDate")
            .Require(patient.BirthDate > today.AddYears(-130), "patient.birthDate", "must be within the last 130 years")
            .Require(!string.IsNullOrWhiteSpace(patient.Email) || !string.IsNullOrWhiteSpace(patient.Phone), "patient.contact", "an email or a phone number is required")
            .OptionalText(patient.Email, "patient.email")
            .Require(patient.Email is null || patient.Email.Contains('@', StringComparison.Ordinal), "patient.email", "must be an email address")
            .OptionalText(patient.Phone, "patient.phone", 50);
    }
}
