using Hl7.Fhir.Model;
using Yarp.ReverseProxy.Configuration;

namespace Platform.Gateway;

/// <summary>One FHIR search parameter a resource supports, with its FHIR type (the CapabilityStatement needs both).</summary>
public sealed record FhirSearchParameter(string Name, SearchParamType Type);

/// <summary>
/// A resource type, the service that owns it (or its share of it), and exactly what that service implements of it.
/// <paramref name="IdPrefix"/> is set when the type has more than one owner: each owner's ids start with its own
/// prefix, reads route by it, and a search is asked of every owner and merged (<see cref="FhirFanOut"/>).
/// </summary>
public sealed record FhirResourceRoute(
    string Type,
    string Service,
    IReadOnlyList<CapabilityStatement.TypeRestfulInteraction> Interactions,
    IReadOnlyList<FhirSearchParameter> SearchParameters,
    bool ConditionalCreate = false,
    string? IdPrefix = null);

/// <summary>
/// The routing table: each resource type to the service that owns it. The proxy routes and the CapabilityStatement
/// are both built from it, so /metadata cannot promise what is not routed. Adding a resource is one line here once its
/// service implements it. Observation is recorded by more than one service (instrument scores in Screening and
/// Integration, vitals in Screening): it has one row per owner, each with its id prefix (Screening's is <c>scr-</c>,
/// Integration's <c>int-</c>); every owner of a shared type must support the same interactions and search parameters, because the
/// CapabilityStatement states them once per type and a search is forwarded unchanged to every owner.
/// </summary>
public static class FhirRoutes
{
    public const string Screening = "screening";
    public const string Scheduling = "scheduling";
    public const string Integration = "integration";

    private static readonly CapabilityStatement.TypeRestfulInteraction Read = CapabilityStatement.TypeRestfulInteraction.Read;
    private static readonly CapabilityStatement.TypeRestfulInteraction Search = CapabilityStatement.TypeRestfulInteraction.SearchType;
    private static readonly CapabilityStatement.TypeRestfulInteraction Create = CapabilityStatement.TypeRestfulInteraction.Create;

    public static readonly IReadOnlyList<FhirResourceRoute> Table =
    [
        new("Patient", Screening, [Read, Search], [new("_id", SearchParamType.Token), new("birthdate", SearchParamType.Date)]),
        new("ServiceRequest", Screening, [Read, Search, Create],
            [new("_id", SearchParamType.Token), new("identifier", SearchParamType.Token), new("patient", SearchParamType.Reference),
             new("subject", SearchParamType.Reference), new("status", SearchParamType.Token), new("_lastUpdated", SearchParamType.Date)],
            ConditionalCreate: true),
        new("Observation", Screening, [Read, Search],
            [new("patient", SearchParamType.Reference), new("subject", SearchParamType.Reference), new("code", SearchParamType.Token),
             new("date", SearchParamType.Date)],
            IdPrefix: "scr-"),
        new("QuestionnaireResponse", Screening, [Read, Search],
            [new("patient", SearchParamType.Reference), new("subject", SearchParamType.Reference), new("authored", SearchParamType.Date),
             new("questionnaire", SearchParamType.Reference)]),
        new("Condition", Screening, [Read, Search],
            [new("patient", SearchParamType.Reference), new("subject", SearchParamType.Reference), new("code", SearchParamType.Token)]),
        new("MedicationStatement", Screening, [Read, Search],
            [new("patient", SearchParamType.Reference), new("subject", SearchParamType.Reference)]),
        new("DetectedIssue", Screening, [Read, Search],
            [new("patient", SearchParamType.Reference), new("identified", SearchParamType.Date), new("code", SearchParamType.Token)]),
        new("Practitioner", Scheduling, [Read, Search], [new("_id", SearchParamType.Token)]),
        new("PractitionerRole", Scheduling, [Read, Search], [new("practitioner", SearchParamType.Reference), new("_id", SearchParamType.Token)]),
        new("Location", Scheduling, [Read, Search], [new("_id", SearchParamType.Token)]),
        new("Schedule", Scheduling, [Read, Search], [new("actor", SearchParamType.Reference)]),
        // Search only: a slot is computed per search and has no read that could answer it again (FhirSlots).
        new("Slot", Scheduling, [Search], [new("schedule", SearchParamType.Reference), new("start", SearchParamType.Date)]),
        new("Appointment", Scheduling, [Read, Search],
            [new("patient", SearchParamType.Reference), new("date", SearchParamType.Date), new("status", SearchParamType.Token),
             new("_id", SearchParamType.Token)]),
        new("Encounter", Scheduling, [Read, Search],
            [new("patient", SearchParamType.Reference), new("date", SearchParamType.Date), new("status", SearchParamType.Token)]),
        new("Observation", Integration, [Read, Search],
            [new("patient", SearchParamType.Reference), new("subject", SearchParamType.Reference), new("code", SearchParamType.Token),
             new("date", SearchParamType.Date)],
            IdPrefix: "int-"),
        new("AdverseEvent", Integration, [Read, Search],
            [new("patient", SearchParamType.Reference), new("subject", SearchParamType.Reference), new("date", SearchParamType.Date)]),
        new("Flag", Integration, [Read, Search],
            [new("patient", SearchParamType.Reference), new("subject", SearchParamType.Reference), new("status", SearchParamType.Token)]),
        new("EpisodeOfCare", Integration, [Read, Search],
            [new("patient", SearchParamType.Reference), new("status", SearchParamType.Token), new("date", SearchParamType.Date)]),
    ];

    /// <summary>One row per resource type, as the CapabilityStatement lists them (the owners of a shared type implement the same).</summary>
    public static IEnumerable<FhirResourceRoute> Types => Table.DistinctBy(r => r.Type);

    /// <summary>The types with more than one owner's share: reads route by id prefix, searches fan out.</summary>
    public static IEnumerable<string> SharedTypes => Table.Where(r => r.IdPrefix is not null).Select(r => r.Type).Distinct();

    /// <summary>The services the table names; each one's base URL is configuration <c>Services:&lt;name&gt;</c>.</summary>
    public static IEnumerable<string> Services => Table.Select(r => r.Service).Distinct();

    /// <summary>
    /// One route per resource type: <c>/fhir/{Type}</c> and everything below it, to the same path on its service; for
    /// a shared type one route per owner, matching only the ids with its prefix (the search is <see cref="FhirFanOut"/>'s).
    /// </summary>
    public static IReadOnlyList<RouteConfig> Routes() =>
        [.. Table.Select(r => r.IdPrefix is null
            ? new RouteConfig {
                RouteId = "fhir-" + r.Type,
                ClusterId = r.Service,
                Match = new RouteMatch { Path = $"/fhir/{r.Type}/{{**rest}}" },
            }
            : new RouteConfig {
                RouteId = $"fhir-{r.Type}-{r.Service}",
                ClusterId = r.Service,
                Match = new RouteMatch { Path = $"/fhir/{r.Type}/{r.IdPrefix}{{id}}", Methods = ["GET"] },
            })];

    public static IReadOnlyList<ClusterConfig> Clusters(IConfiguration configuration) =>
        [.. Services.Select(service => new ClusterConfig {
            ClusterId = service,
            Destinations = new Dictionary<string, DestinationConfig> {
                [service] = new() {
                    Address = configuration[$"Services:{service}"]
                        ?? throw new InvalidOperationException($"Set Services:{service} to the base URL of the {service} service."),
                },
            },
        })];
}
