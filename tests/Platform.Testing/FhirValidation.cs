using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;
using Platform.Fhir;

namespace Platform.Testing;

/// <summary>
/// Validates what the FHIR API answers against base R4 with Firely's validator and the offline specification
/// (Hl7.Fhir.Specification.Data.R4's specification.zip, copied next to the tests): a test fails with every error and
/// fatal issue listed. The validator is built once per test run: compiling the core profiles takes seconds.
/// </summary>
public static class FhirValidation
{
    private static readonly Lazy<Validator> Validator = new(() =>
    {
        var resolver = new CachedResolver(ZipSource.CreateValidationSource());
        var terminology = LocalTerminologyService.CreateDefaultForCore(resolver);
        return new Validator(resolver, terminology);
    });

    /// <summary>The errors (and fatal issues) Firely finds in a FHIR JSON answer; empty when it validates.</summary>
    public static IReadOnlyList<string> Errors(string json)
    {
        var resource = FhirJson.Parse<Resource>(json);
        OperationOutcome outcome;
        lock (Validator)
        {
            outcome = Validator.Value.Validate(resource);
        }

        return [.. outcome.Issue
            .Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(i => $"{i.Code}: {i.Details?.Text ?? i.Diagnostics} at {string.Join(", ", i.Expression)}")];
    }

    public static void AssertValid(string json)
    {
        var errors = Errors(json);
        Assert.True(errors.Count == 0, $"The FHIR answer does not validate against base R4:\n{string.Join('\n', errors)}\n{json}");
    }

    /// <summary>Reads a FHIR answer's body, checks its media type and validates it; returns the parsed resource.</summary>
    public static async Task<T> AssertValidAsync<T>(HttpResponseMessage response)
        where T : Resource
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.Equal(FhirJson.MediaType, response.Content.Headers.ContentType?.MediaType);
        var json = await response.Content.ReadAsStringAsync();
        AssertValid(json);
        return Assert.IsType<T>(FhirJson.Parse<Resource>(json));
    }
}
