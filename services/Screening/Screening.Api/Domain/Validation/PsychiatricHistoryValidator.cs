using Platform.ServiceDefaults.Time;
using Platform.ServiceDefaults.Domain;
using Screening.Api.Domain.Commands;

namespace Screening.Api.Domain.Validation;

public static class PsychiatricHistoryValidator
{
    public static FieldErrors Validate(RecordPsychiatricHistory command, ClinicTime now)
    {
        var errors = new FieldErrors();
        if (command.History is not { } history)
        {
            return errors.Add("history", "is required");
        }

        var today = now.Today;
        errors
            .NotInFuture(history.SubstanceLastUsedOn, today, "substanceLastUsedOn")
            .NotInFuture(history.KetamineOrPcpMisuseLastOn, today, "ketamineOrPcpMisuseLastOn")
            .Require(history.Substances is not null, "substances", "is required (empty when none)");

        if (history.Substances is null)
        {
            return errors;
        }

        errors.Require(
            !history.SubstanceUseDisorder || history.Substances.Count > 0,
            "substances",
            "name at least one substance when substanceUseDisorder is true");
        for (var i = 0; i < history.Substances.Count; i++)
        {
            errors.RequiredText(history.Substances[i], $"substances[{i}]");
        }

        return errors;
    }
}
