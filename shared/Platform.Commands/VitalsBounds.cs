namespace Platform.Commands;

/// <summary>
/// One set of bounds for a blood-pressure and pulse reading wherever one is entered (Screening's resting vitals,
/// Scheduling's pre-dose, 40-minute and discharge readings): a reading outside them is a typing error, not a fact.
/// </summary>
public static class VitalsBounds
{
    public const int MinSystolic = 50;
    public const int MaxSystolic = 300;
    public const int MinDiastolic = 20;
    public const int MaxDiastolic = 200;
    public const int MinHeartRate = 20;
    public const int MaxHeartRate = 250;

    /// <summary>A bedside monitor's clock may run a little ahead of the server's: a reading this far ahead is accepted.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Checks one reading; fields are named under <paramref name="prefix"/> ("preDose.systolic") when given.</summary>
    public static FieldErrors Reading(
        this FieldErrors errors, int systolic, int diastolic, int heartRate, DateTimeOffset takenAt, DateTimeOffset now, string? prefix = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        string Field(string name) => prefix is null ? name : $"{prefix}.{name}";
        return errors
            .InRange(systolic, MinSystolic, MaxSystolic, Field("systolic"))
            .InRange(diastolic, MinDiastolic, MaxDiastolic, Field("diastolic"))
            .InRange(heartRate, MinHeartRate, MaxHeartRate, Field("heartRate"))
            .Require(takenAt != default, Field("takenAt"), "is required")
            .NotInFuture(takenAt, now + ClockSkew, Field("takenAt"))
            .Require(diastolic < systolic, Field("diastolic"), "must be below systolic");
    }
}
