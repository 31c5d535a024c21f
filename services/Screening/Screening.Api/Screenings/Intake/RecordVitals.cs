namespace Screening.Api.Screenings;

/// <summary>Physiologically impossible readings are typing errors, not facts to evaluate.</summary>
public sealed record RecordVitals(Vitals Vitals, Guid RecordedBy) : IIntakeFact
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder screenings) =>
        screenings.MapFact<Vitals>(HttpMethods.Post, "vitals", (body, by) => new RecordVitals(body, by), "Record a resting vitals reading (the latest is used)");

    public object Recorded(Guid screeningId, ClinicTime now) => new VitalsRecorded(screeningId, Vitals, RecordedBy, now.Utc);

    public FieldErrors Validate(ClinicTime now)
    {
        var v = Vitals;
        return new FieldErrors()
            .Reading(v.Systolic, v.Diastolic, v.HeartRate, v.TakenAt, now.Utc)
            .InRange(v.WeightKg, 20m, 400m, "weightKg");
    }
}
