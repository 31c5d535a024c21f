namespace Screening.Api.Screenings;

/// <summary>A complete medical history; it replaces the previous one.</summary>
public sealed record RecordMedicalHistory(MedicalHistory History, Guid RecordedBy) : IIntakeFact
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder screenings) =>
        screenings.MapFact<MedicalHistory>(HttpMethods.Put, "medical-history", (body, by) => new RecordMedicalHistory(body, by), "Record the medical history (replaces the previous one)");

    public object Recorded(Guid screeningId, ClinicTime now) => new MedicalHistoryRecorded(screeningId, History, RecordedBy, now.Utc);

    public FieldErrors Validate(ClinicTime now)
    {
        var errors = new FieldErrors();
        if (History is not { } history)
        {
            return errors.Add("history", "is required");
        }

        errors.Defined(history.HepaticImpairment, "hepaticImpairment");
        if (history.CardiovascularEvents is null)
        {
            return errors.Add("cardiovascularEvents", "is required (empty when none)");
        }

        for (var i = 0; i < history.CardiovascularEvents.Count; i++)
        {
            var e = history.CardiovascularEvents[i];
            errors
                .Defined(e.Kind, $"cardiovascularEvents[{i}].kind")
                .NotInFuture(e.OccurredOn, now.Today, $"cardiovascularEvents[{i}].occurredOn");
        }

        return errors;
    }
}
