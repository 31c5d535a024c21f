using Platform.ServiceDefaults.Time;
using Platform.Instruments;
using Platform.ServiceDefaults.Domain;
using Screening.Api.Domain.Commands;

namespace Screening.Api.Domain.Validation;

public static class AdministerInstrumentValidator
{
    public static FieldErrors Validate(AdministerInstrument command, ClinicTime now, ScreeningProtocol protocol)
    {
        var errors = new FieldErrors()
            .NotInFuture(command.AdministeredAt, now.Utc, "administeredAt")
            .NotInFuture(command.SuicidalBehaviourLastOn, now.Today, "suicidalBehaviourLastOn")
            .Defined(command.Instrument, "instrument");
        if (errors.Any)
        {
            return errors;
        }

        var outcome = InstrumentScorer.Score(command.Instrument, command.Items, RecentBehaviour(command, now, protocol));
        foreach (var error in outcome.Errors)
        {
            errors.Add(error.Field, error.Message);
        }

        return errors;
    }

    /// <summary>The form's yes/no answer wins; otherwise the last behaviour date against the protocol window.</summary>
    public static bool? RecentBehaviour(AdministerInstrument command, ClinicTime now, ScreeningProtocol protocol) =>
        command.BehaviourWithinPastThreeMonths
        ?? (command.SuicidalBehaviourLastOn is { } last
            ? last > now.Today.AddMonths(-protocol.CssrsBehaviourWindowMonths)
            : null);
}
