namespace Scheduling.Tests;

/// <summary>
/// Property: on any course state, the free-slot finder offers exactly the blocks booking accepts. Course states are
/// generated from a fixed seed (reproducible; the failing seed and case are in the message) over approval windows,
/// therapist matching, preparation, earlier dosing sessions, cancellations and holds.
/// </summary>
public class FreeSlotsAgreeWithBookingTests
{
    private const int Cases = 400;

    [Fact]
    public void Every_offered_block_books_and_every_bookable_block_is_offered()
    {
        var offeredTotal = 0;
        var refusedTotal = 0;
        for (var seed = 0; seed < Cases; seed++)
        {
            var random = new Random(seed);
            var course = RandomCourse(random);
            var kind = (SessionKind)random.Next(3);
            var range = new UtcInterval(Now, Now.AddDays(random.Next(2, 9)));
            var length = TimeSpan.FromMinutes(new[] { 60, 90, 120, 150, 180 }[random.Next(5)]);
            var step = TimeSpan.FromMinutes(new[] { 30, 60, 90 }[random.Next(3)]);
            var therapistHours = RandomWorkingDays(random, range);
            var medicalHours = RandomWorkingDays(random, range);
            var roomHours = RandomWorkingDays(random, range);
            var dosing = kind == SessionKind.Dosing;
            var query = new FreeSlotQuery(
                range, length, step,
                [new ResourceCalendar(TherapistId, therapistHours, [])],
                dosing ? [new ResourceCalendar(MedicalId, medicalHours, [])] : [],
                dosing ? [new ResourceCalendar(RoomId, roomHours, [])] : []);
            var resources = dosing
                ? DosingResources(therapistAvailability: therapistHours, medicalAvailability: medicalHours, roomAvailability: roomHours)
                : new BookingResources(new StaffFacts(Therapist(), therapistHours));

            var offered = FreeSlotFinder.ForCourse(query, course, kind, Now, Protocol).Select(s => s.Block).ToHashSet();

            foreach (var block in CandidateBlocks(range, length, step))
            {
                var command = new BookSession(
                    Guid.NewGuid(), kind, block.Start, block.End, TherapistId, dosing ? MedicalId : null, dosing ? RoomId : null);
                var decision = BookSession.Decide(command, course, At(Now), Protocol, resources);
                var context = $"seed {seed}, {kind} {block.Start:u}-{block.End:u}";
                if (offered.Contains(block))
                {
                    Assert.False(decision.IsRejected, $"{context}: offered but booking refused with {decision.Rejection}");
                    offeredTotal++;
                }
                else if (course.TherapistId is not null)
                {
                    // An unmatched course is answered with SCH-THERAPIST-NOT-MATCHED by the endpoint before the finder runs.
                    Assert.True(decision.IsRejected, $"{context}: booking accepts a block the finder did not offer");
                    refusedTotal++;
                }
            }
        }

        // The generator must reach both sides, or the property proves nothing.
        Assert.True(offeredTotal > 1000, $"only {offeredTotal} blocks offered");
        Assert.True(refusedTotal > 1000, $"only {refusedTotal} blocks refused");
    }

    [Fact]
    public void Nothing_is_offered_after_the_approval_expires_or_for_dosing_before_preparation_is_booked()
    {
        var week = new UtcInterval(Now, Now.AddDays(7));
        var query = new FreeSlotQuery(
            week, TimeSpan.FromHours(2), TimeSpan.FromHours(1),
            [new ResourceCalendar(TherapistId, AllYear, [])], [new ResourceCalendar(MedicalId, AllYear, [])], [new ResourceCalendar(RoomId, AllYear, [])]);

        var expiring = FreeSlotFinder.ForCourse(query, Prepared(validUntil: Now.AddDays(2)), SessionKind.Dosing, Now, Protocol);
        Assert.NotEmpty(expiring);
        Assert.All(expiring, s => Assert.True(s.Block.Start <= Now.AddDays(2)));

        Assert.Empty(FreeSlotFinder.ForCourse(query, Matched(), SessionKind.Dosing, Now, Protocol));
    }

    private static IEnumerable<UtcInterval> CandidateBlocks(UtcInterval range, TimeSpan length, TimeSpan step)
    {
        // The finder aligns starts to the step since the Unix epoch; the whole grid is checked, offered or not.
        var first = range.Start.UtcTicks + ((step.Ticks - ((range.Start.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) % step.Ticks)) % step.Ticks);
        for (var start = new DateTimeOffset(first, TimeSpan.Zero); start + length <= range.End; start += step)
        {
            yield return new UtcInterval(start, start + length);
        }
    }

    /// <summary>Working hours on some days of the range, sometimes a gap in the afternoon.</summary>
    private static IReadOnlyList<UtcInterval> RandomWorkingDays(Random random, UtcInterval range)
    {
        var hours = new List<UtcInterval>();
        for (var day = range.Start.UtcDateTime.Date; day < range.End.UtcDateTime; day = day.AddDays(1))
        {
            if (random.Next(5) == 0)
            {
                continue;
            }

            var midnight = new DateTimeOffset(day, TimeSpan.Zero);
            var start = random.Next(11, 15);
            if (random.Next(3) == 0)
            {
                hours.Add(new UtcInterval(midnight.AddHours(start), midnight.AddHours(start + 3)));
                hours.Add(new UtcInterval(midnight.AddHours(start + 4), midnight.AddHours(start + 9)));
            }
            else
            {
                hours.Add(new UtcInterval(midnight.AddHours(start), midnight.AddHours(start + 9)));
            }
        }

        return hours;
    }

    private static TreatmentCourse RandomCourse(Random random)
    {
        var route = random.Next(4) == 0 ? TreatmentRoute.EsketamineNasalSpray : TreatmentRoute.IvKetamine;
        var course = Opened(route, validUntil: Now.AddHours(random.Next(-24, 24 * 12)));
        if (random.Next(8) == 0)
        {
            return course;
        }

        course = Apply(course, new TherapistMatched(CourseId, TherapistId, null, Now.AddDays(-10)));
        var held = 0;
        for (var i = random.Next(4); i > 0; i--)
        {
            var id = Guid.NewGuid();
            var start = Now.AddHours(random.Next(-24 * 7, 24 * 7));
            course = Apply(course, new SessionBooked(CourseId, id, SessionKind.Preparation, start, start.AddHours(1), TherapistId, null, null, null, "v", start.AddDays(-1)));
            if (start < Now && random.Next(4) != 0)
            {
                course = Apply(course, new SessionHeld(CourseId, id, SessionKind.Preparation, TherapistId, start.AddHours(1)));
                held++;
            }
        }

        if (held >= 2 && random.Next(3) != 0)
        {
            course = Apply(course, new PreparationPhaseCompleted(CourseId, TherapistId, held, Now.AddDays(-1)));
        }

        for (var i = random.Next(4); i > 0; i--)
        {
            var id = Guid.NewGuid();
            var start = Now.AddHours(random.Next(-24 * 10, 24 * 10));
            course = start < Now ? DoseStartedAt(course, id, start) : BookDosing(course, id, start);
            if (random.Next(4) == 0)
            {
                course = Apply(course, new BookingCancelled(
                    CourseId, id, SessionKind.Dosing, start, "patient asked", CancellationInitiator.Patient, false, null, "v", Now));
            }
        }

        if (random.Next(6) == 0)
        {
            var holdId = Guid.NewGuid();
            course = Apply(course, new SafetyHoldApplied(CourseId, holdId, "adverse event", Now.AddDays(-1), Now.AddDays(-1)));
            if (random.Next(3) != 0)
            {
                course = Apply(course, new SafetyHoldLifted(CourseId, holdId, Now.AddHours(-1), ReScreeningWaived: random.Next(2) == 0));
            }
        }

        return course;
    }
}
