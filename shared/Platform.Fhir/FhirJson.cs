using System.Text.Json;
using Hl7.Fhir.Serialization;

namespace Platform.Fhir;

/// <summary>The FHIR JSON wire format: Firely's System.Text.Json converters for the R4 model, one instance.</summary>
public static class FhirJson
{
    public const string MediaType = "application/fhir+json";

    /// <summary>Firely's converters: they write FHIR JSON (primitives with their extensions, choice types) and refuse invalid input.</summary>
    public static readonly JsonSerializerOptions Options = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    public static string Serialize(Resource resource) => JsonSerializer.Serialize(resource, Options);

    public static T Parse<T>(string json)
        where T : Resource => JsonSerializer.Deserialize<T>(json, Options)
            ?? throw new JsonException("The body is JSON null, not a FHIR resource.");
}
