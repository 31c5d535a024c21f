namespace Scheduling.Api.Resources;

/// <summary>
/// When a staff member or room works: weekly wall-clock rules in the clinic's time zone plus time off as
/// absolute instants. Stored as entered; converted to UTC intervals for each booking or search.
/// </summary>
public sealed record ResourceSchedule(Guid Id, IReadOnlyList<WeeklyAvailability> Weekly, IReadOnlyList<AvailabilityException> TimeOff)
{
    public IReadOnlyList<UtcInterval> AvailableIn(UtcInterval range, SchedulingProtocol protocol) =>
        AvailabilityCalculator.Compute(Weekly, TimeOff, protocol.ResolveTimeZone(), range);
}
