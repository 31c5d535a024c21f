using JasperFx;

namespace Scheduling.Api.Resources;

/// <summary>
/// When a staff member or room works: weekly wall-clock rules in the clinic's time zone plus time off as
/// absolute instants. Stored as entered; converted to UTC intervals for each booking or search.
/// </summary>
public sealed record ResourceSchedule(Guid Id, IReadOnlyList<WeeklyAvailability> Weekly, IReadOnlyList<AvailabilityException> TimeOff) : ILongVersioned
{
    /// <summary>
    /// The revision Marten keeps for this document (numeric revisions): sent as its ETag, so a PUT with If-Match
    /// replaces only the version the scheduler read (<see cref="ResourceWrites.ReplaceAsync{T, TView}"/>).
    /// </summary>
    public long Version { get; set; }

    public IReadOnlyList<UtcInterval> AvailableIn(UtcInterval range, SchedulingProtocol protocol) =>
        AvailabilityCalculator.Compute(Weekly, TimeOff, protocol.ResolveTimeZone(), range);
}
