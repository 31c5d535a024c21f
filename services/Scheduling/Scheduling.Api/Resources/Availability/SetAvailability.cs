using System.ComponentModel.DataAnnotations;

namespace Scheduling.Api.Resources;

/// <summary>Weekly rules in clinic-local wall-clock time; time off as instants (send them with an offset).</summary>
// MaxLength: the limits ResourceInput checks, declared in the OpenAPI document (the framework does not enforce them).
public sealed record ScheduleRequest(
    [property: MaxLength(ResourceInput.MaxWeeklyRules)] IReadOnlyList<WeeklyAvailability>? Weekly,
    [property: MaxLength(ResourceInput.MaxTimeOff)] IReadOnlyList<AvailabilityException>? TimeOff = null);

/// <summary>
/// <c>PUT /staff/{staffId}/availability</c> and <c>PUT /rooms/{roomId}/availability</c>: one command for both resources;
/// conditional on If-Match (the ETag of the availability's GET; "0" before any is set) when sent.
/// </summary>
public static class SetAvailability
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPut("/staff/{staffId:guid}/availability", (Guid staffId, ScheduleRequest body, Clinician by, [AsParameters] CommandContext context) =>
                HandleAsync<StaffMember>(staffId, body, by, context))
            .AsCommand("Staff", "Sets weekly availability (clinic-local) and time off", ResourceWrites.Writers)
            .WithoutBackEntry();
        app.MapPut("/rooms/{roomId:guid}/availability", (Guid roomId, ScheduleRequest body, Clinician by, [AsParameters] CommandContext context) =>
                HandleAsync<Room>(roomId, body, by, context))
            .AsCommand("Rooms", "Sets a room's weekly opening hours (clinic-local) and closures", ResourceWrites.Writers)
            .WithoutBackEntry();
    }

    private static async Task<Results<Ok<AvailabilityView>, ValidationProblem, ProblemHttpResult>> HandleAsync<TResource>(
        Guid id, ScheduleRequest body, Clinician by, CommandContext context)
        where TResource : notnull
    {
        var weekly = body.Weekly ?? [];
        var timeOff = body.TimeOff ?? [];
        var errors = new FieldErrors().WeeklyAvailability(weekly).TimeOff(timeOff);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        if (await context.Session.LoadAsync<TResource>(id, context.Cancellation) is null)
        {
            return Problems.NotFound($"{typeof(TResource).Name} {id}");
        }

        var before = await context.Session.LoadAsync<ResourceSchedule>(id, context.Cancellation);
        return await ResourceWrites.ReplaceAsync(context, by, id, "availability", before, new ResourceSchedule(id, weekly, timeOff), AvailabilityView.From);
    }
}
