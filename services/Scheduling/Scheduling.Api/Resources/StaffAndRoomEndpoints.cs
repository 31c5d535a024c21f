using Platform.ServiceDefaults.Marten;

namespace Scheduling.Api.Resources;

/// <summary>Staff, rooms and their weekly availability: the resources a booking needs.</summary>
public static class StaffEndpoints
{
    private static readonly string[] Writers = [Roles.Scheduler, Roles.System];
    private static readonly string[] Readers = [Roles.Scheduler, Roles.System, Roles.Therapist, Roles.Medical, Roles.Prescriber];

    public static IEndpointRouteBuilder MapStaffAndRooms(this IEndpointRouteBuilder app)
    {
        app.MapPost("/staff", CreateStaff).AcceptsIdempotencyKey()
            .AsCommand("Staff", "Adds a therapist, medical professional or prescriber with credentials and their expiry", Writers)
            .WithoutBackEntry()
            .WithRequestExample(new {
                displayName = "Ben Okafor, CRNA",
                role = "MedicalProfessional",
                medicalKind = "Crna",
                credentials = new[] { new { kind = "License", identifier = "CRNA-5521", expiresOn = "2028-06-30" }, new { kind = "Acls", identifier = "ACLS-88", expiresOn = "2027-11-30" } },
            });
        app.MapPut("/staff/{staffId:guid}", UpdateStaff)
            .AsCommand("Staff", "Replaces a staff member's role, medical kind, credentials and active flag", Writers)
            .WithoutBackEntry();
        app.MapGet("/staff", ListStaff)
            .AsQuery("Staff", "Staff members by name; filter by role and active; paged (limit, cursor)", Readers);
        app.MapGet("/staff/{staffId:guid}", GetStaff)
            .AsQuery("Staff", "One staff member", Readers);
        app.MapPut("/staff/{staffId:guid}/availability", (Guid staffId, ScheduleRequest body, Clinician by, TimeProvider time, IDocumentSession s, CancellationToken ct) =>
                SetScheduleAsync<StaffMember>(staffId, body, by, time, s, ct))
            .AsCommand("Staff", "Sets weekly availability (clinic-local) and time off", Writers)
            .WithoutBackEntry();
        app.MapGet("/staff/{staffId:guid}/availability", (Guid staffId, IQuerySession s, CancellationToken ct) => GetSchedule(staffId, s, ct))
            .AsQuery("Staff", "A staff member's weekly availability and time off", Readers);
        app.MapGet("/staff/{staffId:guid}/history", (Guid staffId, int? limit, string? cursor, IQuerySession s, CancellationToken ct) =>
                ResourceChange.HistoryAsync(staffId, s, limit, cursor, ct))
            .AsQuery("Staff", ResourceChange.HistorySummary, ResourceChange.HistoryReaders);

        app.MapPost("/rooms", CreateRoom).AcceptsIdempotencyKey()
            .AsCommand("Rooms", "Adds a treatment room", Writers)
            .WithoutBackEntry()
            .WithRequestExample(new { name = "Room 2 (recliner, monitor)" });
        app.MapPut("/rooms/{roomId:guid}", UpdateRoom)
            .AsCommand("Rooms", "Renames or (de)activates a room", Writers)
            .WithoutBackEntry();
        app.MapGet("/rooms", ListRooms)
            .AsQuery("Rooms", "Rooms by name; filter by active; paged (limit, cursor)", Readers);
        app.MapPut("/rooms/{roomId:guid}/availability", (Guid roomId, ScheduleRequest body, Clinician by, TimeProvider time, IDocumentSession s, CancellationToken ct) =>
                SetScheduleAsync<Room>(roomId, body, by, time, s, ct))
            .AsCommand("Rooms", "Sets a room's weekly opening hours (clinic-local) and closures", Writers)
            .WithoutBackEntry();
        app.MapGet("/rooms/{roomId:guid}/availability", (Guid roomId, IQuerySession s, CancellationToken ct) => GetSchedule(roomId, s, ct))
            .AsQuery("Rooms", "A room's weekly opening hours and closures", Readers);
        app.MapGet("/rooms/{roomId:guid}/history", (Guid roomId, int? limit, string? cursor, IQuerySession s, CancellationToken ct) =>
                ResourceChange.HistoryAsync(roomId, s, limit, cursor, ct))
            .AsQuery("Rooms", ResourceChange.HistorySummary, ResourceChange.HistoryReaders);
        return app;
    }

    private static async Task<Results<Created<Created>, ValidationProblem>> CreateStaff(
        StaffRequest body, Clinician by, TimeProvider time, HttpContext http, IDocumentSession session, CancellationToken ct)
    {
        var key = IdempotencyKey.Read(http.Request);
        var id = body.StaffId ?? (key is null ? Guid.NewGuid() : IdempotencyKey.ToStreamId("staff", key));
        var member = ToMember(id, body);
        var errors = new FieldErrors().StaffMember(member);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        // Insert, never Store: a key reused for another body must not overwrite the staff member it created.
        session.Insert(member);
        ResourceChange.Record(session, id, "staff", by, time, null, member);
        return await CreatedAsync(http, session, $"/staff/{id}", new Created(id), ct);
    }

    private static async Task<Created<Created>> CreatedAsync(HttpContext http, IDocumentSession session, string location, Created created, CancellationToken ct)
    {
        IdempotencyKey.Stage(http, session, StatusCodes.Status201Created, created, location);
        await session.SaveChangesAsync(ct);
        return TypedResults.Created(location, created);
    }

    private static async Task<Results<Ok<StaffMember>, ValidationProblem, ProblemHttpResult>> UpdateStaff(
        Guid staffId, StaffRequest body, Clinician by, TimeProvider time, IDocumentSession session, CancellationToken ct)
    {
        if (body.StaffId is { } named && named != staffId)
        {
            return Problems.Invalid("staffId", "is only for registering a person of the chain at this clinic; leave it out or name the staff member of the path.");
        }

        if (await session.LoadAsync<StaffMember>(staffId, ct) is not { } before)
        {
            return Problems.NotFound($"Staff member {staffId}");
        }

        var member = ToMember(staffId, body);
        var errors = new FieldErrors().StaffMember(member);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        session.Store(member);
        ResourceChange.Record(session, staffId, "staff", by, time, before, member);
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(member);
    }

    private static async Task<Results<Ok<Page<StaffMember>>, ValidationProblem>> ListStaff(
        IQuerySession session, CancellationToken ct, StaffRole? role = null, bool? active = null, int? limit = null, string? cursor = null)
    {
        var errors = new FieldErrors();
        var page = PageRequest.From(limit, cursor, errors);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var query = session.Query<StaffMember>().Where(s => (role == null || s.Role == role) && (active == null || s.Active == active));
        return TypedResults.Ok(await query.OrderBy(s => s.DisplayName).ThenBy(s => s.Id).ToPageAsync(page, ct));
    }

    private static async Task<Results<Ok<StaffMember>, ProblemHttpResult>> GetStaff(Guid staffId, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<StaffMember>(staffId, ct) is { } member ? TypedResults.Ok(member) : Problems.NotFound($"Staff member {staffId}");

    private static async Task<Results<Created<Created>, ValidationProblem>> CreateRoom(
        RoomRequest body, Clinician by, TimeProvider time, HttpContext http, IDocumentSession session, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Name))
        {
            return Problems.Invalid("name", "is required");
        }

        var key = IdempotencyKey.Read(http.Request);
        var id = key is null ? Guid.NewGuid() : IdempotencyKey.ToStreamId("room", key);
        var room = new Room(id, body.Name.Trim(), body.Active);
        session.Insert(room);
        ResourceChange.Record(session, id, "room", by, time, null, room);
        return await CreatedAsync(http, session, $"/rooms/{id}", new Created(id), ct);
    }

    private static async Task<Results<Ok<Room>, ValidationProblem, ProblemHttpResult>> UpdateRoom(
        Guid roomId, RoomRequest body, Clinician by, TimeProvider time, IDocumentSession session, CancellationToken ct)
    {
        if (await session.LoadAsync<Room>(roomId, ct) is not { } before)
        {
            return Problems.NotFound($"Room {roomId}");
        }

        if (string.IsNullOrWhiteSpace(body.Name))
        {
            return Problems.Invalid("name", "is required");
        }

        var room = new Room(roomId, body.Name.Trim(), body.Active);
        session.Store(room);
        ResourceChange.Record(session, roomId, "room", by, time, before, room);
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(room);
    }

    private static async Task<Results<Ok<Page<Room>>, ValidationProblem>> ListRooms(
        IQuerySession session, CancellationToken ct, bool? active = null, int? limit = null, string? cursor = null)
    {
        var errors = new FieldErrors();
        var page = PageRequest.From(limit, cursor, errors);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var query = session.Query<Room>().Where(r => active == null || r.Active == active);
        return TypedResults.Ok(await query.OrderBy(r => r.Name).ThenBy(r => r.Id).ToPageAsync(page, ct));
    }

    private static async Task<Results<Ok<ResourceSchedule>, ValidationProblem, ProblemHttpResult>> SetScheduleAsync<TResource>(
        Guid id, ScheduleRequest body, Clinician by, TimeProvider time, IDocumentSession session, CancellationToken ct)
        where TResource : notnull
    {
        if (await session.LoadAsync<TResource>(id, ct) is null)
        {
            return Problems.NotFound($"{typeof(TResource).Name} {id}");
        }

        var weekly = body.Weekly ?? [];
        var timeOff = body.TimeOff ?? [];
        var errors = new FieldErrors().WeeklyAvailability(weekly).TimeOff(timeOff);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var schedule = new ResourceSchedule(id, weekly, timeOff);
        var before = await session.LoadAsync<ResourceSchedule>(id, ct);
        session.Store(schedule);
        ResourceChange.Record(session, id, "availability", by, time, before, schedule);
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(schedule);
    }

    private static async Task<Results<Ok<ResourceSchedule>, ProblemHttpResult>> GetSchedule(
        Guid id, IQuerySession session, CancellationToken ct)
    {
        return await session.LoadAsync<ResourceSchedule>(id, ct) is { } schedule
            ? TypedResults.Ok(schedule)
            : Problems.NotFound($"Availability of {id}");
    }

    private static StaffMember ToMember(Guid id, StaffRequest body) =>
        new(id, body.DisplayName?.Trim() ?? string.Empty, body.Role, body.MedicalKind, body.Credentials ?? [], body.Active);
}
