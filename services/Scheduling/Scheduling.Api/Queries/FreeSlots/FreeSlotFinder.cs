namespace Scheduling.Api.Queries;

/// <summary>One resource's calendar for the search range: when it works and when it is already booked.</summary>
public sealed record ResourceCalendar(Guid Id, IReadOnlyList<UtcInterval> Available, IReadOnlyList<UtcInterval> Busy);

public sealed record FreeSlotQuery(
    UtcInterval Range,
    TimeSpan BlockLength,
    TimeSpan Step,
    IReadOnlyList<ResourceCalendar> Therapists,
    IReadOnlyList<ResourceCalendar> MedicalProfessionals,
    IReadOnlyList<ResourceCalendar> Rooms)
{
    /// <summary>Longest range the finder searches in one call.</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(62);

    public static FieldErrors Validate(DateTimeOffset from, DateTimeOffset to, int blockMinutes, int stepMinutes) =>
        new FieldErrors()
            .Block(from, to, "to")
            .Require(to - from <= MaxRange, "to", $"must be at most {MaxRange.TotalDays:0} days after from")
            .InRange(blockMinutes, 15, CourseInput.MaxSessionMinutes, "blockMinutes")
            .InRange(stepMinutes, 5, 240, "stepMinutes");
}

/// <summary>A block where every required kind of resource has at least one free candidate for the whole block.</summary>
public sealed record FreeSlot(
    UtcInterval Block,
    IReadOnlyList<Guid> TherapistIds,
    IReadOnlyList<Guid> MedicalProfessionalIds,
    IReadOnlyList<Guid> RoomIds);

public static class FreeSlotFinder
{
    /// <summary>
    /// The free blocks a course can book: each candidate passes the same course rules booking runs
    /// (<see cref="BookingRules.CourseProblem"/>: approval, holds, re-screening, matched therapist, preparation,
    /// spacing, weekly limit, patient overlap), so the finder never offers what booking refuses.
    /// </summary>
    public static IReadOnlyList<FreeSlot> ForCourse(
        FreeSlotQuery query, TreatmentCourse course, SessionKind kind, DateTimeOffset now, SchedulingProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(course);
        return course.TherapistId is { } therapistId
            ? Find(query, block => BookingRules.CourseProblem(course, kind, block, therapistId, now, protocol) is null)
            : [];
    }

    /// <summary>
    /// Candidate starts are aligned to multiples of <see cref="FreeSlotQuery.Step"/> since the Unix epoch, so
    /// 15- or 30-minute steps land on local quarter hours in whole- and half-hour zones. An empty resource
    /// list (e.g. no medical professional for a preparation session) means that kind is not required.
    /// </summary>
    /// <param name="accept">Optional course-level filter (spacing, weekly limit) applied to each candidate block.</param>
    public static IReadOnlyList<FreeSlot> Find(FreeSlotQuery query, Func<UtcInterval, bool>? accept = null)
    {
        if (query.BlockLength <= TimeSpan.Zero || query.Step <= TimeSpan.Zero)
        {
            throw new ArgumentException("Block length and step must be positive.", nameof(query));
        }

        var therapists = Cursors(query.Therapists, query.Range);
        var medicals = Cursors(query.MedicalProfessionals, query.Range);
        var rooms = Cursors(query.Rooms, query.Range);
        var slots = new List<FreeSlot>();

        var stepTicks = query.Step.Ticks;
        var firstTicks = query.Range.Start.UtcTicks;
        var remainder = (firstTicks - DateTimeOffset.UnixEpoch.UtcTicks) % stepTicks;
        if (remainder != 0)
        {
            firstTicks += stepTicks - remainder;
        }

        for (var startTicks = firstTicks; ; startTicks += stepTicks)
        {
            var start = new DateTimeOffset(startTicks, TimeSpan.Zero);
            var end = start + query.BlockLength;
            if (end > query.Range.End)
            {
                break;
            }

            var freeTherapists = FreeFor(therapists, start, end);
            if (freeTherapists is { Count: 0 })
            {
                continue;
            }

            var freeMedicals = FreeFor(medicals, start, end);
            if (freeMedicals is { Count: 0 })
            {
                continue;
            }

            var freeRooms = FreeFor(rooms, start, end);
            if (freeRooms is { Count: 0 })
            {
                continue;
            }

            var block = new UtcInterval(start, end);
            if (accept is not null && !accept(block))
            {
                continue;
            }

            slots.Add(new FreeSlot(block, freeTherapists ?? [], freeMedicals ?? [], freeRooms ?? []));
        }

        return slots;
    }

    /// <summary>Null when the kind is not required, otherwise the ids free for the whole block.</summary>
    private static List<Guid>? FreeFor(List<FreeCursor> cursors, DateTimeOffset start, DateTimeOffset end)
    {
        if (cursors.Count == 0)
        {
            return null;
        }

        var free = new List<Guid>();
        foreach (var cursor in cursors)
        {
            if (cursor.Covers(start, end))
            {
                free.Add(cursor.Id);
            }
        }

        return free;
    }

    private static List<FreeCursor> Cursors(IReadOnlyList<ResourceCalendar> calendars, UtcInterval range) =>
        calendars
            .Select(c => new FreeCursor(c.Id, Intervals.Clip(Intervals.Subtract(c.Available, c.Busy), range)))
            .ToList();

    /// <summary>
    /// Walks a resource's free intervals forward only: candidate blocks are visited in time order, so an
    /// interval that ends before one block ends can never hold a later block. Each check is amortised O(1).
    /// </summary>
    private sealed class FreeCursor(Guid id, IReadOnlyList<UtcInterval> free)
    {
        private int _index;

        public Guid Id { get; } = id;

        public bool Covers(DateTimeOffset start, DateTimeOffset end)
        {
            while (_index < free.Count && free[_index].End < end)
            {
                _index++;
            }

            return _index < free.Count && free[_index].Start <= start;
        }
    }
}
