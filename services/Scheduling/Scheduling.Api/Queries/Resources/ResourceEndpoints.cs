using Platform.ServiceDefaults.Marten;

namespace Scheduling.Api.Queries;

/// <summary>Reads of staff, rooms, their availability and their change history.</summary>
public static class ResourceEndpoints
{
    internal static readonly string[] Readers = [Roles.Scheduler, Roles.System, Roles.Therapist, Roles.Medical, Roles.Prescriber];
    private static readonly string[] HistoryReaders = [Roles.Scheduler, Roles.PrivacyOfficer];
    private const string HistorySummary = "Every change to the record and its availability: who, when, before and after; newest first, paged";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/staff", ListStaff)
            .AsQuery("Staff", "Staff members by name; filter by role and active; paged (limit, cursor)", Readers);
        app.MapGet("/staff/{staffId:guid}", GetStaff)
            .AsQuery("Staff", "One staff member; its version as the ETag (If-Match for PUT /staff/{staffId})", Readers);
        app.MapGet("/staff/{staffId:guid}/availability", (Guid staffId, IQuerySession s, HttpContext http, CancellationToken ct) => GetAvailability(staffId, s, http, ct))
            .AsQuery("Staff", "A staff member's weekly availability and time off; its version as the ETag (If-Match for the PUT)", Readers);
        app.MapGet("/staff/{staffId:guid}/history", (Guid staffId, int? limit, string? cursor, IQuerySession s, CancellationToken ct) =>
                History(staffId, s, limit, cursor, ct))
            .AsQuery("Staff", HistorySummary, HistoryReaders);

        app.MapGet("/rooms", ListRooms)
            .AsQuery("Rooms", "Rooms by name; filter by active; paged (limit, cursor)", Readers);
        app.MapGet("/rooms/{roomId:guid}/availability", (Guid roomId, IQuerySession s, HttpContext http, CancellationToken ct) => GetAvailability(roomId, s, http, ct))
            .AsQuery("Rooms", "A room's weekly opening hours and closures; their version as the ETag (If-Match for the PUT)", Readers);
        app.MapGet("/rooms/{roomId:guid}/history", (Guid roomId, int? limit, string? cursor, IQuerySession s, CancellationToken ct) =>
                History(roomId, s, limit, cursor, ct))
            .AsQuery("Rooms", HistorySummary, HistoryReaders);
    }

    private static async Task<Results<Ok<Page<StaffView>>, ValidationProblem>> ListStaff(
        IQuerySession session, CancellationToken ct, StaffRole? role = null, bool? active = null, int? limit = null, string? cursor = null)
    {
        var errors = new FieldErrors();
        var page = PageRequest.From(limit, cursor, errors);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var query = session.Query<StaffMember>().Where(s => (role == null || s.Role == role) && (active == null || s.Active == active));
        return TypedResults.Ok((await query.OrderBy(s => s.DisplayName).ThenBy(s => s.Id).ToPageAsync(page, ct)).Select(StaffView.From));
    }

    private static async Task<Results<Ok<StaffView>, ProblemHttpResult>> GetStaff(Guid staffId, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        if (await session.LoadAsync<StaffMember>(staffId, ct) is not { } member)
        {
            return Problems.NotFound($"Staff member {staffId}");
        }

        ETags.Set(http.Response, member.Version);
        return TypedResults.Ok(StaffView.From(member));
    }

    private static async Task<Results<Ok<Page<RoomView>>, ValidationProblem>> ListRooms(
        IQuerySession session, CancellationToken ct, bool? active = null, int? limit = null, string? cursor = null)
    {
        var errors = new FieldErrors();
        var page = PageRequest.From(limit, cursor, errors);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var query = session.Query<Room>().Where(r => active == null || r.Active == active);
        return TypedResults.Ok((await query.OrderBy(r => r.Name).ThenBy(r => r.Id).ToPageAsync(page, ct)).Select(RoomView.From));
    }

    private static async Task<Results<Ok<AvailabilityView>, ProblemHttpResult>> GetAvailability(Guid id, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        if (await session.LoadAsync<ResourceSchedule>(id, ct) is not { } schedule)
        {
            return Problems.NotFound($"Availability of {id}");
        }

        ETags.Set(http.Response, schedule.Version);
        return TypedResults.Ok(AvailabilityView.From(schedule));
    }

    private static async Task<Results<Ok<Page<ChangeView>>, ValidationProblem>> History(
        Guid id, IQuerySession session, int? limit, string? cursor, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var page = PageRequest.From(limit, cursor, errors);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        return TypedResults.Ok((await session.Query<ResourceChange>().Where(c => c.ResourceId == id)
            .OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Id).ToPageAsync(page, ct)).Select(ChangeView.From));
    }
}
