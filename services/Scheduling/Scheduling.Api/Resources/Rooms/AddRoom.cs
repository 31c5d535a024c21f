namespace Scheduling.Api.Resources;

public sealed record RoomRequest(string Name, bool Active = true)
{
    public FieldErrors Validate() => new FieldErrors().Require(!string.IsNullOrWhiteSpace(Name), "name", "is required");

    public Room ToRoom(Guid id) => new(id, Name.Trim(), Active);
}

/// <summary><c>POST /rooms</c>: adds a treatment room.</summary>
public static class AddRoom
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/rooms", HandleAsync).AcceptsIdempotencyKey()
            .AsCommand("Rooms", "Adds a treatment room", ResourceWrites.Writers)
            .WithoutBackEntry()
            .WithRequestExample(new { name = "Room 2 (recliner, monitor)" });

    private static async Task<Results<Created<Created>, ValidationProblem>> HandleAsync(
        RoomRequest body, Clinician by, [AsParameters] CommandContext context)
    {
        if (body.Validate() is { Any: true } errors)
        {
            return Problems.Invalid(errors);
        }

        var id = ResourceWrites.NewId(context, "room");
        return await ResourceWrites.CreateAsync(context, by, id, "room", body.ToRoom(id), $"/rooms/{id}");
    }
}
