using System.Globalization;
using Hl7.Fhir.Model;
using Platform.Fhir;
using Task = System.Threading.Tasks.Task;

namespace Integration.Api.Fhir;

/// <summary>
/// The FHIR resources Integration owns, under /fhir (the gateway routes Observation ids with the <c>int-</c> prefix,
/// AdverseEvent, Flag and EpisodeOfCare here), and what their files share.
/// </summary>
public static class IntegrationFhir
{
    public const string Tag = "FHIR";

    /// <summary>The local code systems of this service's resources (docs/fhir.md lists their codes).</summary>
    public const string AdverseEventTypeSystem = FhirCodeSystems.Base + "adverse-event-type";
    public const string SafetyHoldSystem = FhirCodeSystems.Base + "safety-hold";
    public const string RouteSystem = FhirCodeSystems.Base + "treatment-route";
    public const string IndicationSystem = FhirCodeSystems.Base + "indication";

    public static IEndpointRouteBuilder MapIntegrationFhir(this IEndpointRouteBuilder app)
    {
        var fhir = app.MapFhirGroup();
        fhir.MapFhirObservations();
        fhir.MapFhirAdverseEvents();
        fhir.MapFhirFlags();
        fhir.MapFhirEpisodesOfCare();
        return app;
    }

    /// <summary>
    /// The courses behind a page of resources, by id: each resource's version is its course stream's version, so a
    /// change anywhere in the course (a regrade, a release) gives a new ETag.
    /// </summary>
    internal static async Task<IReadOnlyDictionary<Guid, CourseOutcome>> CoursesAsync(IQuerySession session, IEnumerable<Guid> courseIds, CancellationToken ct) =>
        (await session.LoadManyAsync<CourseOutcome>(ct, courseIds.Distinct())).ToDictionary(c => c.Id);

}
