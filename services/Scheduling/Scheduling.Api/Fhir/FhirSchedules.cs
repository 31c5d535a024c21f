using System.Globalization;
using Hl7.Fhir.Model;
using Platform.Fhir;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Marten;
using Task = System.Threading.Tasks.Task;

namespace Scheduling.Api.Fhir;

/// <summary>
/// FHIR Schedule: when a staff member or a room works (<see cref="AvailabilityView"/>: weekly clinic-local hours and
/// time off). The id is the staff member's or room's id, as in <c>GET /staff/{staffId}/availability</c>; the free
/// time within it is searched as Slots.
/// </summary>
public static class FhirSchedules
{
    /// <summary>As the REST availability reads (<c>GET /staff/{staffId}/availability</c>, <c>GET /rooms/{roomId}/availability</c>).</summary>
    public static readonly string[] Roles = ResourceEndpoints.Readers;

    public static readonly string[] SearchParameters = ["actor"];

    public static IEndpointRouteBuilder MapFhirSchedules(this IEndpointRouteBuilder fhir)
    {
        fhir.MapGet("/Schedule/{scheduleId}", ReadAsync)
            .AsQuery(SchedulingFhir.Tag, "FHIR read of a staff member's or room's availability as a Schedule (id = the staff or room id)", Roles);
        fhir.MapGet("/Schedule", SearchAsync)
            .AsQuery(SchedulingFhir.Tag, "FHIR search of availability: actor (Practitioner/{id} or Location/{id}), _count", Roles);
        return fhir;
    }

    private static async Task<FhirResult> ReadAsync(
        string scheduleId, IQuerySession session, HttpContext http, SchedulingProtocol protocol, CancellationToken ct)
    {
        if (!Guid.TryParse(scheduleId, out var id)
            || await session.LoadAsync<ResourceSchedule>(id, ct) is not { } schedule
            || await ActorAsync(session, id, ct) is not { } actor)
        {
            return FhirResults.NotFound("Schedule", scheduleId);
        }

        AccessAudit.Saw(http, [schedule.Id]);
        return FhirResults.Read(ToSchedule(AvailabilityView.From(schedule), actor, protocol), schedule.Version);
    }

    private static async Task<FhirResult> SearchAsync(IQuerySession session, HttpContext http, SchedulingProtocol protocol, CancellationToken ct)
    {
        if (FhirSearch.Read(http.Request, SearchParameters, out var refused) is not { } search)
        {
            return refused!;
        }

        var errors = new FieldErrors();
        var actorId = ActorId(search["actor"], errors);
        if (errors.Any)
        {
            return FhirResults.Invalid(errors);
        }

        var matching = session.Query<ResourceSchedule>().AsQueryable();
        if (actorId is { } only)
        {
            matching = matching.Where(s => s.Id == only);
        }

        var total = await matching.CountAsync(ct);
        var page = (await matching.OrderBy(s => s.Id).ToPageAsync(search.Page, ct)).Select(AvailabilityView.From);
        var resources = new List<Resource>();
        foreach (var schedule in page.Items)
        {
            // An availability whose staff member or room is gone (never in practice: neither is deleted) is left out.
            if (await ActorAsync(session, schedule.Id, ct) is { } actor)
            {
                resources.Add((Resource)FhirResults.Stamped(ToSchedule(schedule, actor, protocol), schedule.Version));
            }
        }

        AccessAudit.Saw(http, page.Items.Select(s => s.Id));
        return SearchBundle.Of(http.Request, resources, page.Next, total);
    }

    /// <summary>The staff member or room a schedule belongs to, as a reference with its name, and whether it is active; null when neither.</summary>
    internal static async Task<(ResourceReference Reference, bool Active)?> ActorAsync(IQuerySession session, Guid id, CancellationToken ct)
    {
        if (await session.LoadAsync<StaffMember>(id, ct) is { } member)
        {
            return (new ResourceReference($"Practitioner/{id}", member.DisplayName), member.Active);
        }

        return await session.LoadAsync<Room>(id, ct) is { } room ? (new ResourceReference($"Location/{id}", room.Name), room.Active) : null;
    }

    /// <summary><c>actor=Practitioner/{id}</c> or <c>Location/{id}</c> (or the id alone): staff and room ids never collide.</summary>
    internal static Guid? ActorId(string? value, FieldErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        var id = value.StartsWith("Practitioner/", StringComparison.Ordinal) || value.StartsWith("Location/", StringComparison.Ordinal)
            ? value[(value.IndexOf('/', StringComparison.Ordinal) + 1)..]
            : value;
        if (Guid.TryParse(id, out var guid))
        {
            return guid;
        }

        errors.Add("actor", "must be Practitioner/{id} or Location/{id}");
        return null;
    }

    internal static Schedule ToSchedule(AvailabilityView availability, (ResourceReference Reference, bool Active) actor, SchedulingProtocol protocol) => new() {
        Id = availability.Id.ToString(),
        Active = actor.Active,
        Actor = [actor.Reference],
        // The weekly hours as the scheduler entered them; the exact free time is in the Slots.
        Comment = $"Weekly ({protocol.Clinic.TimeZoneId}): "
            + (availability.Weekly.Count == 0 ? "none" : string.Join("; ", availability.Weekly.Select(w =>
                string.Create(CultureInfo.InvariantCulture, $"{w.Day} {w.Start:HH\\:mm}-{w.End:HH\\:mm}"))))
            + $"; {availability.TimeOff.Count} time-off period(s)",
    };
}
