namespace Screening.Api.Screenings;

/// <summary>A complete medical history; it replaces the previous one.</summary>
public sealed record RecordMedicalHistory(MedicalHistory History, Guid RecordedBy) : IIntakeFact
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder screenings) =>
        screenings.MapFact<MedicalHistory>(HttpMethods.Put, "medical-history", (body, by) => new RecordMedicalHistory(body, by), "Record the medical history (replaces the previous one)");

    public object Recorded(Guid screeningId, ClinicTime now) => new MedicalHistoryRecorded(screeningId, History, RecordedBy, now.Utc);

    public FieldErrors Validate(ClinicTime now)
    {
        var events = History.CardiovascularEvents;
        var errors = new FieldErrors().Defined(History.HepaticImpairment, "hepaticImpairment");
        if (events is null)
        {
            return errors.Add("cardiovascularEvents", "is required (empty when none)");
        }

        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            errors
                .Defined(e.Kind, $"cardiovascularEvents[{i}].kind")
                .NotInFuture(e.OccurredOn, now.Today, $"cardiovascularEvents[{i}].occurredOn");
        }

        return errors;
    }
}
