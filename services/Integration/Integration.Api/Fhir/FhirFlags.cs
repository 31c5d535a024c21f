using System.Globalization;
using Hl7.Fhir.Model;
using Platform.Fhir;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Marten;
using Task = System.Threading.Tasks.Task;

namespace Integration.Api.Fhir;

/// <summary>
/// FHIR Flag: a safety hold (<see cref="SafetyHoldView"/>), active until a prescriber releases it. The code names the
/// hold and each trigger that placed or joined it; the reasons are generated text (no free text), so they are shown.
/// </summary>
public static class FhirFlags
{
    /// <summary>As the REST hold list (<c>GET /holds/active</c>): clinical staff and clinic systems, which must not book a held patient.</summary>
    public static readonly string[] Roles =
    [
        Platform.ServiceDefaults.Auth.Roles.Therapist, Platform.ServiceDefaults.Auth.Roles.Medical,
        Platform.ServiceDefaults.Auth.Roles.Prescriber, Platform.ServiceDefaults.Auth.Roles.System,
    ];

    public static readonly string[] SearchParameters = ["patient", "subject", "status"];

    public const string CategorySystem = "http://terminology.hl7.org/CodeSystem/flag-category";

    private static readonly string[] Statuses = ["active", "inactive"];

    public static IEndpointRouteBuilder MapFhirFlags(this IEndpointRouteBuilder fhir)
    {
        fhir.MapGet("/Flag/{holdId}", ReadAsync)
            .AsQuery(IntegrationFhir.Tag, "FHIR read of a safety hold as a Flag (id = the hold id)", Roles);
        fhir.MapGet("/Flag", SearchAsync)
            .AsQuery(IntegrationFhir.Tag, "FHIR search of safety holds: patient/subject, status (active, inactive), _count", Roles);
        return fhir;
    }

    private static async Task<FhirResult> ReadAsync(string holdId, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        if (!Guid.TryParse(holdId, out var id)
            || await session.LoadAsync<SafetyHoldView>(id, ct) is not { } hold
            || await session.LoadAsync<CourseOutcome>(hold.CourseId, ct) is not { } course)
        {
            return FhirResults.NotFound("Flag", holdId);
        }

        AccessAudit.Saw(http, [hold.Id, hold.CourseId, hold.PatientId]);
        return FhirResults.Read(ToFlag(hold), course.Version);
    }

    private static async Task<FhirResult> SearchAsync(IQuerySession session, HttpContext http, CancellationToken ct)
    {
        if (FhirSearch.Read(http.Request, SearchParameters, out var refused) is not { } search)
        {
            return refused!;
        }

        var errors = new FieldErrors();
        var patient = search.Id("patient", "Patient", errors) ?? search.Id("subject", "Patient", errors);
        var statuses = search.Codes("status", Statuses, errors);
        if (errors.Any)
        {
            return FhirResults.Invalid(errors);
        }

        var matching = session.Query<SafetyHoldView>().AsQueryable();
        if (patient is { } patientId)
        {
            matching = matching.Where(h => h.PatientId == patientId);
        }

        if (statuses is not null && !statuses.Contains("inactive"))
        {
            matching = matching.Where(h => h.ReleasedAt == null);
        }
        else if (statuses is not null && !statuses.Contains("active"))
        {
            matching = matching.Where(h => h.ReleasedAt != null);
        }

        var total = await matching.CountAsync(ct);
        var page = await matching.OrderBy(h => h.PlacedAt).ThenBy(h => h.Id).ToPageAsync(search.Page, ct);
        var courses = await IntegrationFhir.CoursesAsync(session, page.Items.Select(h => h.CourseId), ct);
        AccessAudit.Saw(http, page.Items.SelectMany(h => new[] { h.Id, h.CourseId, h.PatientId }));
        var resources = page.Items.Select(h => (Resource)FhirResults.Stamped(ToFlag(h), courses[h.CourseId].Version)).ToList();
        return SearchBundle.Of(http.Request, resources, page.Next, total);
    }

    internal static Flag ToFlag(SafetyHoldView hold)
    {
        var code = new CodeableConcept {
            Coding = [new Coding(IntegrationFhir.SafetyHoldSystem, "safety-hold", "Safety hold")],
            Text = string.Join("; ", hold.Reasons.Select(r => r.Reason)),
        };
        foreach (var trigger in hold.Reasons.Select(r => r.Trigger).Distinct())
        {
            code.Coding.Add(new Coding(IntegrationFhir.SafetyHoldSystem, trigger.ToString(), FhirText.Words(trigger.ToString())));
        }

        return new Flag {
            Id = hold.Id.ToString(),
            Status = hold.IsActive ? Flag.FlagStatus.Active : Flag.FlagStatus.Inactive,
            Category = [new CodeableConcept(CategorySystem, "clinical", "Clinical")],
            Code = code,
            Subject = FhirElements.Patient(hold.PatientId),
            Period = new Period {
                Start = FhirElements.DateTime(hold.PlacedAt),
                End = hold.ReleasedAt is { } released ? FhirElements.DateTime(released) : null,
            },
        };
    }
}
