using Hl7.Fhir.Model;
using Platform.Fhir;
using Task = System.Threading.Tasks.Task;

namespace Screening.Api.Fhir;

/// <summary>
/// The FHIR resources Screening owns, under /fhir (the gateway routes Patient, ServiceRequest, QuestionnaireResponse,
/// Condition, MedicationStatement, DetectedIssue and the Observation ids with the <c>scr-</c> prefix here), and what
/// the resources derived from one screening share: their ids start with the screening id, their version is the
/// screening's, and a search names the patient.
/// </summary>
public static class ScreeningFhir
{
    public const string Tag = "FHIR";

    /// <summary>As the screening detail in the REST API (<c>GET /screenings/{id}</c>): the recorded clinical facts are PHI for intake and prescribers.</summary>
    public static readonly string[] ClinicalRoles = [Roles.Intake, Roles.Prescriber];

    /// <summary>The local code systems of this service's resources (docs/fhir.md lists their codes).</summary>
    public const string ConditionSystem = FhirCodeSystems.Base + "screening-condition";
    public const string MedicationClassSystem = FhirCodeSystems.Base + "medication-class";
    public const string EligibilityOutcomeSystem = FhirCodeSystems.Base + "eligibility-outcome";

    public static IEndpointRouteBuilder MapScreeningFhir(this IEndpointRouteBuilder app)
    {
        var fhir = app.MapFhirGroup();
        fhir.MapFhirPatients();
        fhir.MapFhirServiceRequests();
        fhir.MapFhirObservations();
        fhir.MapFhirQuestionnaireResponses();
        fhir.MapFhirConditions();
        fhir.MapFhirMedicationStatements();
        fhir.MapFhirDetectedIssues();
        return app;
    }

    /// <summary>The id of a resource derived from a screening: <c>{prefix}{screeningId}</c> and, when one screening holds several, <c>-{suffix}</c>.</summary>
    internal static string Id(string prefix, Guid screeningId, string? suffix = null) =>
        suffix is null ? $"{prefix}{screeningId}" : $"{prefix}{screeningId}-{suffix.ToLowerInvariant()}";

    /// <summary>
    /// A read of a resource derived from one screening: the id names the screening, the screening document is loaded
    /// and mapped, and the resource answers at the screening's version.
    /// </summary>
    internal static async Task<FhirResult> ReadAsync<T>(
        string type, string id, string prefix, Func<ScreeningCase, IEnumerable<T>> resourcesOf, IQuerySession session, HttpContext http, CancellationToken ct)
        where T : Resource
    {
        const int GuidLength = 36;
        if (!id.StartsWith(prefix, StringComparison.Ordinal) || id.Length < prefix.Length + GuidLength
            || !Guid.TryParseExact(id.AsSpan(prefix.Length, GuidLength), "D", out var screeningId)
            || await session.LoadAsync<ScreeningCase>(screeningId, ct) is not { } screening
            || resourcesOf(screening).FirstOrDefault(r => r.Id == id) is not { } resource)
        {
            return FhirResults.NotFound(type, id);
        }

        AccessAudit.Saw(http, [screening.Id, screening.PatientId]);
        return FhirResults.Read(resource, screening.Version);
    }

    /// <summary>
    /// A search of resources derived from screenings. <c>patient</c> (or <c>subject</c>) is required: the patient's
    /// screenings are read from the database and their resources filtered in memory (a screening holds a handful),
    /// so a search never loads the whole clinic. <paramref name="filterOf"/> reads the resource's other parameters.
    /// </summary>
    internal static async Task<FhirResult> SearchAsync<T>(
        HttpContext http,
        IQuerySession session,
        IReadOnlyCollection<string> parameters,
        Func<ScreeningCase, IEnumerable<T>> resourcesOf,
        Func<FhirSearch, FieldErrors, Func<T, bool>> filterOf,
        CancellationToken ct)
        where T : Resource
    {
        if (FhirSearch.Read(http.Request, parameters, out var refused) is not { } search)
        {
            return refused!;
        }

        var errors = new FieldErrors();
        var patient = search.Id("patient", "Patient", errors) ?? search.Id("subject", "Patient", errors);
        var matches = filterOf(search, errors);
        if (patient is null && !errors.Any)
        {
            errors.Add("patient", "is required here (patient or subject): these resources are searched one patient at a time");
        }

        if (errors.Any)
        {
            return FhirResults.Invalid(errors);
        }

        var screenings = await session.Query<ScreeningCase>()
            .Where(s => s.PatientId == patient!.Value)
            .OrderBy(s => s.ReferredAt)
            .ThenBy(s => s.Id)
            .ToListAsync(ct);
        var matching = screenings
            .SelectMany(s => resourcesOf(s).Where(matches).Select(r => (Screening: s, Resource: r)))
            .ToList();
        var page = search.Page.Of([.. matching.Skip(search.Page.Offset).Take(search.Page.Fetch)]);
        AccessAudit.Saw(http, page.Items.SelectMany(x => new[] { x.Screening.Id, x.Screening.PatientId }).Distinct());
        var resources = page.Items.Select(x => (Resource)FhirResults.Stamped(x.Resource, x.Screening.Version)).ToList();
        return SearchBundle.Of(http.Request, resources, page.Next, matching.Count);
    }

    /// <summary>A filter that matches everything: for resources searched by patient alone.</summary>
    internal static Func<T, bool> All<T>(FhirSearch search, FieldErrors errors) => _ => true;
}
