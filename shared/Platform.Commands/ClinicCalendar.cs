namespace Platform.Commands;

/// <summary>
/// Clinic-local calendar arithmetic with the edges that bite: days of 23 or 25 hours at a DST change, local times that
/// do not exist (spring forward) or exist twice (fall back), and windows that span midnight.
/// </summary>
public static class ClinicCalendar
{
    public static DateOnly DateOf(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>
    /// The UTC instant of a clinic-local wall-clock time. A time skipped by a DST jump is moved forward by the jump
    /// (02:30 on a spring-forward day is 03:30); a time that occurs twice is its first occurrence.
    /// </summary>
    public static DateTimeOffset ToUtc(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // The offset just before the gap applies, which lands the instant after the jump.
            var before = zone.GetUtcOffset(local.AddHours(-3));
            return new DateTimeOffset(local - before, TimeSpan.Zero);
        }

        if (zone.IsAmbiguousTime(local))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(local);
            var first = offsets.Max();
            return new DateTimeOffset(local - first, TimeSpan.Zero);
        }

        return new DateTimeOffset(local - zone.GetUtcOffset(local), TimeSpan.Zero);
    }

    /// <summary>The clinic day as a UTC interval [start of day, start of next day): 23, 24 or 25 hours long.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Day(DateOnly date, TimeZoneInfo zone) =>
        (ToUtc(date, TimeOnly.MinValue, zone), ToUtc(date.AddDays(1), TimeOnly.MinValue, zone));

    /// <summary>Completed years on a date (a 29 February birthday turns a year older on 1 March).</summary>
    public static int AgeOn(DateOnly birthDate, DateOnly on)
    {
        var age = on.Year - birthDate.Year;
        var birthdayNotYetReached = on.Month < birthDate.Month || (on.Month == birthDate.Month && on.Day < birthDate.Day);
        return birthdayNotYetReached ? age - 1 : age;
    }

    public static TimeZoneInfo Zone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
            ? zone
            : throw new ArgumentException($"'{id}' is not a known IANA time zone id.", nameof(id));
}
