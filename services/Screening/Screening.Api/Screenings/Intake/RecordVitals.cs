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
        var errors = new FieldErrors()
            .InRange(v.Systolic, 50, 300, "systolic")
            .InRange(v.Diastolic, 20, 200, "diastolic")
            .InRange(v.HeartRate, 20, 250, "heartRate")
            .InRange(v.WeightKg, 20m, 400m, "weightKg")
            .NotInFuture(v.TakenAt, now.Utc, "takenAt")
            .Require(v.TakenAt != default, "takenAt", "is required");
        return errors.Require(v.Diastolic < v.Systolic, "diastolic", "must be lower than systolic");
    }
}
