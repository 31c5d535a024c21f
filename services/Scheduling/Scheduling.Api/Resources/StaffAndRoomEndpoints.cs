
namespace Scheduling.Api.Resources;

/// <summary>Staff, rooms and their weekly availability: the resources a booking needs.</summary>
public static class StaffEndpoints
{
    private static readonly string[] Writers = [Roles.Scheduler, Roles.System];
    private static readonly string[] Readers = [Roles.Scheduler, Roles.System, Roles.Therapist, Roles.Medical, Roles.Prescriber];

    public static IEndpointRouteBuilder MapStaffAndRooms(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/staff").WithTags("Staff");
        staff.MapPost("/", CreateStaff).RequireAuthorization(p => p.RequireRole(Writers))
            .WithSummary("Adds a therapist, medical professional or prescriber with credentials and their expiry")
            .ProducesValidationProblem();
        staff.MapPut("/{staffId:guid}", UpdateStaff).RequireAuthorization(p => p.RequireRole(Writers))
            .WithSummary("Replaces a staff member's role, medical kind, credentials and active flag")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapGet("/", ListStaff).RequireAuthorization(p => p.RequireRole(Readers))
            .WithSummary("All staff members");
        staff.MapGet("/{staffId:guid}", GetStaff).RequireAuthorization(p => p.RequireRole(Readers))
            .WithSummary("One staff member").ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapPut("/{staffId:guid}/availability", (Guid staffId, ScheduleRequest body, IDocumentSession s, CancellationToken ct) =>
                SetScheduleAsync<StaffMember>(staffId, body, s, ct))
            .RequireAuthorization(p => p.RequireRole(Writers))
            .WithSummary("Sets weekly availability (clinic-local) and time off")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapGet("/{staffId:guid}/availability", (Guid staffId, IQuerySession s, CancellationToken ct) => GetSchedule(staffId, s, ct)).RequireAuthorization(p => p.RequireRole(Readers))
            .WithSummary("A staff member's weekly availability and time off").ProducesProblem(StatusCodes.Status404NotFound);

        var rooms = app.MapGroup("/rooms").WithTags("Rooms");
        rooms.MapPost("/", CreateRoom).RequireAuthorization(p => p.RequireRole(Writers))
            .WithSummary("Adds a treatment room").ProducesValidationProblem();
        rooms.MapPut("/{roomId:guid}", UpdateRoom).RequireAuthorization(p => p.RequireRole(Writers))
            .WithSummary("Renames or (de)activates a room").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        rooms.MapGet("/", ListRooms).RequireAuthorization(p => p.RequireRole(Readers)).WithSummary("All rooms");
        rooms.MapPut("/{roomId:guid}/availability", (Guid roomId, ScheduleRequest body, IDocumentSession s, CancellationToken ct) =>
                SetScheduleAsync<Room>(roomId, body, s, ct))
            .RequireAuthorization(p => p.RequireRole(Writers))
            .WithSummary("Sets a room's weekly opening hours (clinic-local) and closures")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        rooms.MapGet("/{roomId:guid}/availability", (Guid roomId, IQuerySession s, CancellationToken ct) => GetSchedule(roomId, s, ct)).RequireAuthorization(p => p.RequireRole(Readers))
            .WithSummary("A room's weekly opening hours and closures").ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Created<Created>, ValidationProblem>> CreateStaff(
        StaffRequest body, HttpRequest request, IDocumentSession session, CancellationToken ct)
    {
        var key = IdempotencyKey.Read(request);
        var id = key is null ? Guid.NewGuid() : IdempotencyKey.ToStreamId("staff", key);
        var member = ToMember(id, body);
        var errors = new FieldErrors().StaffMember(member);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        session.Store(member);
        await session.SaveChangesAsync(ct);
        return TypedResults.Created($"/staff/{id}", new Created(id));
    }

    private static async Task<Results<Ok<StaffMember>, ValidationProblem, ProblemHttpResult>> UpdateStaff(
        Guid staffId, StaffRequest body, IDocumentSession session, CancellationToken ct)
    {
        if (await session.LoadAsync<StaffMember>(staffId, ct) is null)
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
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(member);
    }

    private static async Task<Ok<IReadOnlyList<StaffMember>>> ListStaff(IQuerySession session, CancellationToken ct) =>
        TypedResults.Ok(await session.Query<StaffMember>().OrderBy(s => s.DisplayName).ToListAsync(ct));

    private static async Task<Results<Ok<StaffMember>, ProblemHttpResult>> GetStaff(Guid staffId, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<StaffMember>(staffId, ct) is { } member ? TypedResults.Ok(member) : Problems.NotFound($"Staff member {staffId}");

    private static async Task<Results<Created<Created>, ValidationProblem>> CreateRoom(
        RoomRequest body, HttpRequest request, IDocumentSession session, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Name))
        {
            return Problems.Invalid("name", "is required");
        }

        var key = IdempotencyKey.Read(request);
        var id = key is null ? Guid.NewGuid() : IdempotencyKey.ToStreamId("room", key);
        session.Store(new Room(id, body.Name.Trim(), body.Active));
        await session.SaveChangesAsync(ct);
        return TypedResults.Created($"/rooms/{id}", new Created(id));
    }

    private static async Task<Results<Ok<Room>, ValidationProblem, ProblemHttpResult>> UpdateRoom(
        Guid roomId, RoomRequest body, IDocumentSession session, CancellationToken ct)
    {
        if (await session.LoadAsync<Room>(roomId, ct) is null)
        {
            return Problems.NotFound($"Room {roomId}");
        }

        if (string.IsNullOrWhiteSpace(body.Name))
        {
            return Problems.Invalid("name", "is required");
        }

        var room = new Room(roomId, body.Name.Trim(), body.Active);
        session.Store(room);
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(room);
    }

    private static async Task<Ok<IReadOnlyList<Room>>> ListRooms(IQuerySession session, CancellationToken ct) =>
        TypedResults.Ok(await session.Query<Room>().OrderBy(r => r.Name).ToListAsync(ct));

    private static async Task<Results<Ok<ResourceSchedule>, ValidationProblem, ProblemHttpResult>> SetScheduleAsync<TResource>(
        Guid id, ScheduleRequest body, IDocumentSession session, CancellationToken ct)
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
        session.Store(schedule);
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
