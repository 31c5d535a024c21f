using Hl7.Fhir.Model;
using Platform.Fhir;
using Platform.ServiceDefaults.Audit;
using Task = System.Threading.Tasks.Task;

namespace Scheduling.Api.Fhir;

/// <summary>
/// FHIR PractitionerRole: a staff member's one role at the clinic (<see cref="StaffRole"/>, and for medical staff
/// their kind, <see cref="MedicalKind"/>). A staff member has exactly one role, so the PractitionerRole shares the
/// staff id with its Practitioner.
/// </summary>
public static class FhirPractitionerRoles
{
    /// <summary>As the REST staff reads (<c>GET /staff/{staffId}</c>).</summary>
    public static readonly string[] Roles = ResourceEndpoints.Readers;

    public static readonly string[] SearchParameters = ["practitioner", "_id"];

    /// <summary>HL7's practitioner roles, used only where certain (doctor, nurse); a therapist has no code there.</summary>
    public const string PractitionerRoleSystem = "http://terminology.hl7.org/CodeSystem/practitioner-role";

    public static IEndpointRouteBuilder MapFhirPractitionerRoles(this IEndpointRouteBuilder fhir)
    {
        fhir.MapGet("/PractitionerRole/{practitionerRoleId}", (string practitionerRoleId, IQuerySession session, HttpContext http, CancellationToken ct) =>
                SchedulingFhir.ReadAsync<StaffMember>("PractitionerRole", practitionerRoleId, member => ToPractitionerRole(StaffView.From(member)), member => member.Version, session, http, ct))
            .AsQuery(SchedulingFhir.Tag, "FHIR read of a staff member's role at the clinic (id = the staff id)", Roles);
        fhir.MapGet("/PractitionerRole", SearchAsync)
            .AsQuery(SchedulingFhir.Tag, "FHIR search of staff roles: practitioner, _id, _count", Roles);
        return fhir;
    }

    private static async Task<FhirResult> SearchAsync(IQuerySession session, HttpContext http, CancellationToken ct)
    {
        if (FhirSearch.Read(http.Request, SearchParameters, out var refused) is not { } search)
        {
            return refused!;
        }

        var errors = new FieldErrors();
        var practitioner = search.Id("practitioner", "Practitioner", errors);
        var id = search.Id("_id", null, errors);
        if (errors.Any)
        {
            return FhirResults.Invalid(errors);
        }

        var page = await FhirPractitioners.StaffPageAsync(session, search, id, practitioner, ct);
        AccessAudit.Saw(http, page.Items.Items.Select(s => s.Id));
        var resources = page.Items.Items.Select(s => (Resource)FhirResults.Stamped(ToPractitionerRole(s), s.Version)).ToList();
        return SearchBundle.Of(http.Request, resources, page.Items.Next, page.Total);
    }

    internal static PractitionerRole ToPractitionerRole(StaffView staff)
    {
        var role = new PractitionerRole {
            Id = staff.Id.ToString(),
            Active = staff.Active,
            Practitioner = SchedulingFhir.Practitioner(staff.Id),
            Code = [new CodeableConcept(SchedulingFhir.StaffRoleSystem, staff.Role.ToString(), FhirText.Words(staff.Role.ToString()))],
        };
        if (staff.MedicalKind is { } kind)
        {
            // Not a translation of the clinic role (a prescriber may be either), so a code of its own.
            role.Code.Add(kind is MedicalKind.Crna or MedicalKind.Np
                ? new CodeableConcept(PractitionerRoleSystem, "nurse", "Nurse")
                : new CodeableConcept(PractitionerRoleSystem, "doctor", "Doctor"));
            role.Specialty.Add(new CodeableConcept(SchedulingFhir.MedicalKindSystem, kind.ToString(), KindDisplay(kind)));
        }

        return role;
    }

    private static string KindDisplay(MedicalKind kind) => kind switch {
        MedicalKind.Crna => "Certified registered nurse anesthetist",
        MedicalKind.MdDo => "Physician (MD or DO)",
        MedicalKind.Np => "Nurse practitioner",
        _ => "Anesthesiologist",
    };
}
