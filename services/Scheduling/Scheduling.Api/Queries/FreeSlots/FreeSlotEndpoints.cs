namespace Scheduling.Api.Queries;

/// <summary>What a scheduler actually needs: the blocks in a range where everything a session needs is free.</summary>
public static class FreeSlotEndpoints
{
    public static IEndpointRouteBuilder MapFreeSlots(this IEndpointRouteBuilder app)
    {
        app.MapGet("/courses/{courseId:guid}/free-slots", Find)
            .AsQuery(
                "Sessions", "Blocks between from and to where the matched therapist, a credentialed medical professional and a room are free",
                Roles.Scheduler, Roles.System)
            .WithDescription(
                "Limits: to - from at most 62 days; blockMinutes 15-480 (default: the course's block for the kind); stepMinutes 5-240 " +
                "(default 30). Blocks in the past are never offered. Paged (limit 1-200, default 50; cursor = a page's next).")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static async Task<Results<Ok<Page<FreeSlot>>, ValidationProblem, ProblemHttpResult>> Find(
        Guid courseId, DateTimeOffset from, DateTimeOffset to, IQuerySession session, SchedulingProtocol protocol, ClinicClock clock,
        CancellationToken ct, SessionKind kind = SessionKind.Dosing, int? blockMinutes = null, int stepMinutes = 30, int? limit = null,
        string? cursor = null)
    {
        var course = await session.LoadAsync<TreatmentCourse>(courseId, ct);
        if (course is null)
        {
            return Problems.NotFound($"Course {courseId}");
        }

        var length = blockMinutes ?? kind switch {
            SessionKind.Dosing => course.Plan.DosingBlockMinutes,
            SessionKind.Preparation => protocol.PreparationBlockMinutes,
            _ => protocol.IntegrationBlockMinutes,
        };
        var errors = FreeSlotQuery.Validate(from, to, length, stepMinutes);
        var page = PageRequest.From(limit, cursor, errors);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        if (course.TherapistId is not { } therapistId)
        {
            return Problems.RuleViolated(new Rejection(RuleIds.TherapistNotMatched, "Match a therapist to the course first."));
        }

        // Never offer the past.
        var now = clock.Now().Utc;
        var range = new UtcInterval(from < now ? now : from, to < now ? now : to);
        var busy = await CalendarEndpoints.LiveBetweenAsync(session, range.Start, range.End, ct);

        // Staff must be able to sit every block up to the end of the range: stricter than booking near an expiry, never looser.
        var lastDay = AvailabilityCalculator.LocalDate(range.End, protocol.ResolveTimeZone());
        var therapist = await session.LoadAsync<StaffMember>(therapistId, ct);
        if (therapist is null || BookingRules.MemberProblem(therapist, asMedicalProfessional: false, lastDay, protocol) is not null)
        {
            return TypedResults.Ok(page.Of<FreeSlot>([]));
        }

        var therapists = new List<ResourceCalendar> { await CalendarAsync(session, therapistId, range, busy, protocol, ct) };
        var medicals = new List<ResourceCalendar>();
        var rooms = new List<ResourceCalendar>();
        if (kind == SessionKind.Dosing)
        {
            var staff = await session.Query<StaffMember>().Where(s => s.Active).ToListAsync(ct);
            foreach (var member in staff.Where(m => BookingRules.MemberProblem(m, asMedicalProfessional: true, lastDay, protocol) is null))
            {
                medicals.Add(await CalendarAsync(session, member.Id, range, busy, protocol, ct));
            }

            foreach (var room in await session.Query<Room>().Where(r => r.Active).ToListAsync(ct))
            {
                rooms.Add(await CalendarAsync(session, room.Id, range, busy, protocol, ct));
            }

            if (medicals.Count == 0 || rooms.Count == 0)
            {
                return TypedResults.Ok(page.Of<FreeSlot>([]));
            }
        }

        var query = new FreeSlotQuery(range, TimeSpan.FromMinutes(length), TimeSpan.FromMinutes(stepMinutes), therapists, medicals, rooms);
        var slots = FreeSlotFinder.ForCourse(query, course, kind, now, protocol);
        return TypedResults.Ok(page.Of(slots.Skip(page.Offset).Take(page.Fetch).ToList()));
    }

    private static async Task<ResourceCalendar> CalendarAsync(
        IQuerySession session, Guid id, UtcInterval range, IReadOnlyList<ScheduledSession> busy, SchedulingProtocol protocol, CancellationToken ct) =>
        new(id, await ResourceFacts.AvailabilityAsync(session, id, range, protocol, ct),
            busy.Where(s => s.Uses(id)).Select(s => new UtcInterval(s.Start, s.End)).ToList());
}
