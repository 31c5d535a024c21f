using System.Diagnostics;

namespace Scheduling.Tests;

public class FreeSlotFinderTests
{
    private static readonly DateTimeOffset Day = new(2025, 3, 4, 0, 0, 0, TimeSpan.Zero);

    private static UtcInterval Hours(double from, double to) => new(Day.AddHours(from), Day.AddHours(to));

    private static ResourceCalendar Calendar(Guid id, UtcInterval available, params UtcInterval[] busy) => new(id, [available], busy);

    [Fact]
    public void Finds_only_blocks_where_therapist_medical_professional_and_room_are_all_free()
    {
        var therapist = Guid.NewGuid();
        var crna = Guid.NewGuid();
        var np = Guid.NewGuid();
        var room = Guid.NewGuid();
        var query = new FreeSlotQuery(
            Hours(0, 24),
            TimeSpan.FromHours(2),
            TimeSpan.FromMinutes(30),
            [Calendar(therapist, Hours(9, 17), Hours(12, 13))],
            [Calendar(crna, Hours(8, 13)), Calendar(np, Hours(13, 18))],
            [Calendar(room, Hours(9, 17), Hours(15, 16))]);

        var slots = FreeSlotFinder.Find(query);

        Assert.Equal(
            [Hours(9, 11), Hours(9.5, 11.5), Hours(10, 12), Hours(13, 15)],
            slots.Select(s => s.Block));
        Assert.All(slots.Take(3), s => Assert.Equal([crna], s.MedicalProfessionalIds));
        Assert.Equal([np], slots[3].MedicalProfessionalIds);
        Assert.All(slots, s => Assert.Equal([therapist], s.TherapistIds));
        Assert.All(slots, s => Assert.Equal([room], s.RoomIds));
    }

    [Fact]
    public void Nothing_is_found_when_any_kind_of_resource_is_never_free()
    {
        var query = new FreeSlotQuery(
            Hours(0, 24), TimeSpan.FromHours(2), TimeSpan.FromMinutes(15),
            [Calendar(Guid.NewGuid(), Hours(9, 17))],
            [Calendar(Guid.NewGuid(), Hours(9, 17), Hours(9, 17))],
            [Calendar(Guid.NewGuid(), Hours(9, 17))]);

        Assert.Empty(FreeSlotFinder.Find(query));
    }

    [Fact]
    public void Therapy_sessions_need_only_the_therapist_and_the_filter_can_drop_blocks()
    {
        var query = new FreeSlotQuery(Hours(0, 24), TimeSpan.FromHours(1), TimeSpan.FromHours(1), [Calendar(Guid.NewGuid(), Hours(9, 12))], [], []);

        Assert.Equal(3, FreeSlotFinder.Find(query).Count);
        Assert.Equal([Hours(11, 12)], FreeSlotFinder.Find(query, b => b.Start >= Day.AddHours(11)).Select(s => s.Block));
    }

    [Fact]
    public void A_month_of_15_minute_steps_with_20_staff_and_5_rooms_is_fast()
    {
        var month = new UtcInterval(Day, Day.AddDays(31));
        ResourceCalendar Busy(int seed)
        {
            var available = Enumerable.Range(0, 31).Select(d => new UtcInterval(Day.AddDays(d).AddHours(13), Day.AddDays(d).AddHours(22))).ToList();
            var busy = Enumerable.Range(0, 31).Select(d => new UtcInterval(Day.AddDays(d).AddHours(14 + (seed % 5)), Day.AddDays(d).AddHours(15 + (seed % 5)))).ToList();
            return new ResourceCalendar(Guid.NewGuid(), available, busy);
        }

        var query = new FreeSlotQuery(
            month, TimeSpan.FromHours(2), TimeSpan.FromMinutes(15),
            [.. Enumerable.Range(0, 10).Select(Busy)],
            [.. Enumerable.Range(10, 10).Select(Busy)],
            [.. Enumerable.Range(20, 5).Select(Busy)]);

        var clock = Stopwatch.StartNew();
        var slots = FreeSlotFinder.Find(query);
        clock.Stop();

        Assert.NotEmpty(slots);
        Assert.True(clock.ElapsedMilliseconds < 1000, $"took {clock.ElapsedMilliseconds} ms");
    }
}
