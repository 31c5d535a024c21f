namespace Scheduling.Api.Resources;

/// <summary><c>PUT /rooms/{roomId}</c>: renames or (de)activates a room.</summary>
public static class UpdateRoom
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPut("/rooms/{roomId:guid}", HandleAsync)
            .AsCommand("Rooms", "Renames or (de)activates a room", ResourceWrites.Writers)
            .WithoutBackEntry();

    private static async Task<Results<Ok<RoomView>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid roomId, RoomRequest body, Clinician by, [AsParameters] CommandContext context)
    {
        if (await context.Session.LoadAsync<Room>(roomId, context.Cancellation) is not { } before)
        {
            return Problems.NotFound($"Room {roomId}");
        }

        if (body.Validate() is { Any: true } errors)
        {
            return Problems.Invalid(errors);
        }

        var room = body.ToRoom(roomId);
        await ResourceWrites.ReplaceAsync(context, by, roomId, "room", before, room);
        return TypedResults.Ok(RoomView.From(room));
    }
}
