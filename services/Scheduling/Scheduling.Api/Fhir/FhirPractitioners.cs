using System.Globalization;
using Hl7.Fhir.Model;
using Platform.Fhir;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Marten;
using Task = System.Threading.Tasks.Task;

namespace Scheduling.Api.Fhir;

/// <summary>
/// FHIR Practitioner: a staff member (<see cref="StaffView"/>): the name the clinic shows and the credentials booking
/// checks, each as a qualification valid up to its expiry. The role at the clinic is the PractitionerRole.
/// </summary>
public static class FhirPractitioners
{
    /// <summary>As the REST staff reads (<c>GET /staff/{staffId}</c>).</summary>
    public static readonly string[] Roles = ResourceEndpoints.Readers;

    public static readonly string[] SearchParameters = ["_id"];

    public static IEndpointRouteBuilder MapFhirPractitioners(this IEndpointRouteBuilder fhir)
    {
        fhir.MapGet("/Practitioner/{practitionerId}", (string practitionerId, IQuerySession session, HttpContext http, CancellationToken ct) =>
                SchedulingFhir.ReadAsync<StaffMember>("Practitioner", practitionerId, member => ToPractitioner(StaffView.From(member)), member => member.Version, session, http, ct))
            .AsQuery(SchedulingFhir.Tag, "FHIR read of a staff member as a Practitioner (id = the staff id)", Roles);
        fhir.MapGet("/Practitioner", SearchAsync)
            .AsQuery(SchedulingFhir.Tag, "FHIR search of staff members: _id, _count", Roles);
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

        var page = await StaffPageAsync(session, search, id, practitioner: null, ct);
        AccessAudit.Saw(http, page.Items.Items.Select(s => s.Id));
        var resources = page.Items.Items.Select(s => (Resource)FhirResults.Stamped(ToPractitioner(s), s.Version)).ToList();
        return SearchBundle.Of(http.Request, resources, page.Items.Next, page.Total);
    }

    /// <summary>One page of staff members by name, as the REST staff list orders them (shared with PractitionerRole).</summary>
    internal static async Task<(Page<StaffView> Items, int Total)> StaffPageAsync(
        IQuerySession session, FhirSearch search, Guid? id, Guid? practitioner, CancellationToken ct)
    {
        var matching = session.Query<StaffMember>().AsQueryable();
        if (id is { } only)
        {
            matching = matching.Where(s => s.Id == only);
        }

        if (practitioner is { } staffId)
        {
            matching = matching.Where(s => s.Id == staffId);
        }

        var total = await matching.CountAsync(ct);
        var page = await matching.OrderBy(s => s.DisplayName).ThenBy(s => s.Id).ToPageAsync(search.Page, ct);
        return (page.Select(StaffView.From), total);
    }

    internal static Practitioner ToPractitioner(StaffView staff) => new() {
        Id = staff.Id.ToString(),
        Active = staff.Active,
        Name = [new HumanName { Text = staff.DisplayName }],
        Qualification = [.. staff.Credentials.Select(c => new Practitioner.QualificationComponent {
            Identifier = c.Identifier is { Length: > 0 } number ? [new Identifier { Value = number }] : [],
            Code = new CodeableConcept(SchedulingFhir.CredentialSystem, c.Kind.ToString(), FhirText.Words(c.Kind.ToString())),
            // Valid up to and including the expiry date (a date in the clinic's time zone).
            Period = new Period { End = c.ExpiresOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
        })],
    };
}
