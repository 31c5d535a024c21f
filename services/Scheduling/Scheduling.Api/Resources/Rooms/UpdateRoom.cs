namespace Scheduling.Api.Resources;

/// <summary>
/// <c>PUT /rooms/{roomId}</c>: renames or (de)activates a room; conditional on If-Match (a room's <c>version</c> in
/// <c>GET /rooms</c>, or the ETag of its last write) when sent.
/// </summary>
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

        return await ResourceWrites.ReplaceAsync(context, by, roomId, "room", before, body.ToRoom(roomId), RoomView.From);
    }
}
