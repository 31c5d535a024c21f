using Hl7.Fhir.Model;
using Yarp.ReverseProxy.Configuration;

namespace Platform.Gateway;

/// <summary>One FHIR search parameter a resource supports, with its FHIR type (the CapabilityStatement needs both).</summary>
public sealed record FhirSearchParameter(string Name, SearchParamType Type);

/// <summary>A resource type, the service that owns it, and exactly what that service implements of it.</summary>
public sealed record FhirResourceRoute(
    string Type,
    string Service,
    IReadOnlyList<CapabilityStatement.TypeRestfulInteraction> Interactions,
    IReadOnlyList<FhirSearchParameter> SearchParameters,
    bool ConditionalCreate = false);

/// <summary>
/// The routing table: each resource type to the one service that owns it. The proxy routes and the
/// CapabilityStatement are both built from it, so /metadata cannot promise what is not routed. Adding a resource is one
/// line here once its service implements it: Scheduling will own Practitioner, PractitionerRole, Location, Schedule,
/// Slot, Appointment and Encounter; Integration AdverseEvent, Flag and EpisodeOfCare. Observation is recorded by more
/// than one service (instrument scores in Screening and Integration, vitals in Screening and Scheduling), so it cannot
/// be one row of this table: it needs a fan-out search or a split by category, left for later.
/// </summary>
public static class FhirRoutes
{
    public const string Screening = "screening";

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
    ];

    /// <summary>The services the table names; each one's base URL is configuration <c>Services:&lt;name&gt;</c>.</summary>
    public static IEnumerable<string> Services => Table.Select(r => r.Service).Distinct();

    /// <summary>One route per resource type: <c>/fhir/{Type}</c> and everything below it, to the same path on its service.</summary>
    public static IReadOnlyList<RouteConfig> Routes() =>
        [.. Table.Select(r => new RouteConfig {
            RouteId = "fhir-" + r.Type,
            ClusterId = r.Service,
            Match = new RouteMatch { Path = $"/fhir/{r.Type}/{{**rest}}" },
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
