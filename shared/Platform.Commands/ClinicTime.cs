namespace Platform.Commands;

/// <summary>
/// An instant read from the clinic clock, with the clinic's time zone: pure decide functions take it so "today",
/// ages, look-back windows and study weeks are the clinic's calendar days, while every stored instant stays UTC.
/// </summary>
public readonly record struct ClinicTime(DateTimeOffset Utc, TimeZoneInfo Zone)
{
    /// <summary>The clinic-local calendar day of <see cref="Utc"/>.</summary>
    public DateOnly Today => DateOf(Utc);

    public DateOnly DateOf(DateTimeOffset instant) => ClinicCalendar.DateOf(instant, Zone);

    public DateTimeOffset ToUtc(DateOnly date, TimeOnly time) => ClinicCalendar.ToUtc(date, time, Zone);

    public ClinicTime Plus(TimeSpan by) => this with { Utc = Utc + by };

    public static ClinicTime At(DateTimeOffset utc, TimeZoneInfo zone) => new(utc.ToUniversalTime(), zone);
}
