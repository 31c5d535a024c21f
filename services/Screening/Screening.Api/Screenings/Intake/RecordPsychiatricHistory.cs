namespace Screening.Api.Screenings;

/// <summary>A complete psychiatric history; it replaces the previous one.</summary>
public sealed record RecordPsychiatricHistory(PsychiatricHistory History, Guid RecordedBy) : IIntakeFact
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder screenings) =>
        screenings.MapFact<PsychiatricHistory>(HttpMethods.Put, "psychiatric-history", (body, by) => new RecordPsychiatricHistory(body, by), "Record the psychiatric history (replaces the previous one)");

    public object Recorded(Guid screeningId, ClinicTime now) => new PsychiatricHistoryRecorded(screeningId, History, RecordedBy, now.Utc);

    public FieldErrors Validate(ClinicTime now)
    {
        var history = History;
        var errors = new FieldErrors()
            .NotInFuture(history.SubstanceLastUsedOn, now.Today, "substanceLastUsedOn")
            .NotInFuture(history.KetamineOrPcpMisuseLastOn, now.Today, "ketamineOrPcpMisuseLastOn")
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
