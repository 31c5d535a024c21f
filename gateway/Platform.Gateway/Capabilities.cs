using Hl7.Fhir.Model;
using Platform.Fhir;

namespace Platform.Gateway;

/// <summary>The CapabilityStatement of the whole platform, built from <see cref="FhirRoutes.Table"/>.</summary>
public static class Capabilities
{
    public static CapabilityStatement Statement(DateTimeOffset date) => new() {
        Status = PublicationStatus.Active,
        Date = FhirElements.DateTime(date),
        Kind = CapabilityStatementKind.Instance,
        Software = new CapabilityStatement.SoftwareComponent { Name = "KAP platform FHIR gateway" },
        Implementation = new CapabilityStatement.ImplementationComponent { Description = "Ketamine clinic platform: screening, scheduling and outcomes" },
        FhirVersion = FHIRVersion.N4_0_1,
        Format = ["json"],
        Rest =
        [
            new CapabilityStatement.RestComponent {
                Mode = CapabilityStatement.RestfulCapabilityMode.Server,
                Security = new CapabilityStatement.SecurityComponent {
                    Service = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR")],
                    Description = "OAuth 2.0 bearer tokens (JWT) from the platform's OpenID Connect provider, with the platform's roles and "
                        + "clinics and SMART scopes (user/ and system/, v1 and v2); the endpoints are in /fhir/.well-known/smart-configuration. "
                        + "/metadata and the SMART configuration are public.",
                },
                Resource = [.. FhirRoutes.Types.Select(route => new CapabilityStatement.ResourceComponent {
                    Type = route.Type,
                    Versioning = CapabilityStatement.ResourceVersionPolicy.Versioned,
                    ReadHistory = false,
                    ConditionalCreate = route.ConditionalCreate ? true : null,
                    Interaction = [.. route.Interactions.Select(i => new CapabilityStatement.ResourceInteractionComponent { Code = i })],
                    SearchParam = [.. route.SearchParameters.Select(p => new CapabilityStatement.SearchParamComponent { Name = p.Name, Type = p.Type })],
                    SearchInclude = [.. FhirIncludes.Of(route.Type)],
                    Operation = route.Type == "Patient"
                        ? [new CapabilityStatement.OperationComponent { Name = "everything", Definition = "http://hl7.org/fhir/OperationDefinition/Patient-everything" }]
                        : [],
                })],
            },
        ],
    };
}
