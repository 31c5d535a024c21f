using Hl7.Fhir.Model;
using Platform.Fhir;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Marten;
using Task = System.Threading.Tasks.Task;

namespace Scheduling.Api.Fhir;

/// <summary>FHIR Location: a room of the clinic (<see cref="RoomView"/>), one physical room (mode instance).</summary>
public static class FhirLocations
{
    /// <summary>As the REST room reads (<c>GET /rooms</c>).</summary>
    public static readonly string[] Roles = ResourceEndpoints.Readers;

    public static readonly string[] SearchParameters = ["_id"];

    public const string PhysicalTypeSystem = "http://terminology.hl7.org/CodeSystem/location-physical-type";

    public static IEndpointRouteBuilder MapFhirLocations(this IEndpointRouteBuilder fhir)
    {
        fhir.MapGet("/Location/{locationId}", (string locationId, IQuerySession session, HttpContext http, CancellationToken ct) =>
                SchedulingFhir.ReadAsync<Room>("Location", locationId, room => ToLocation(RoomView.From(room)), room => room.Version, session, http, ct))
            .AsQuery(SchedulingFhir.Tag, "FHIR read of a room as a Location (id = the room id)", Roles);
        fhir.MapGet("/Location", SearchAsync)
            .AsQuery(SchedulingFhir.Tag, "FHIR search of rooms: _id, _count", Roles);
        return fhir;
    }

    private static async Task<FhirResult> SearchAsync(IQuerySession session, HttpContext http, CancellationToken ct)
    {
        if (FhirSearch.Read(http.Request, SearchParameters, out var refused) is not { } search)
        {
            return refused!;
        }

        var errors = new FieldErrors();
        var id = search.Id("_id", null, errors);
        if (errors.Any)
        {
            return FhirResults.Invalid(errors);
        }

        var matching = session.Query<Room>().AsQueryable();
        if (id is { } only)
        {
            matching = matching.Where(r => r.Id == only);
        }

        var total = await matching.CountAsync(ct);
        var page = (await matching.OrderBy(r => r.Name).ThenBy(r => r.Id).ToPageAsync(search.Page, ct)).Select(RoomView.From);
        AccessAudit.Saw(http, page.Items.Select(r => r.Id));
        var resources = page.Items.Select(r => (Resource)FhirResults.Stamped(ToLocation(r), r.Version)).ToList();
        return SearchBundle.Of(http.Request, resources, page.Next, total);
    }

    internal static Location ToLocation(RoomView room) => new() {
        Id = room.Id.ToString(),
        Status = room.Active ? Location.LocationStatus.Active : Location.LocationStatus.Inactive,
        Name = room.Name,
        Mode = Location.LocationMode.Instance,
        PhysicalType = new CodeableConcept(PhysicalTypeSystem, "ro", "Room"),
    };
}
