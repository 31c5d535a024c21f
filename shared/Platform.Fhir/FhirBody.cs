using System.Text.Json;
using Hl7.Fhir.Serialization;

namespace Platform.Fhir;

/// <summary>
/// Reads a request body with Firely's parser. A body that is not JSON, not the expected resource type, or not valid
/// FHIR (an unknown element, a wrong primitive) is a 400 OperationOutcome with the parser's messages, never a 500.
/// </summary>
public static class FhirBody
{
    public static async Task<(T? Resource, FhirResult? Refused)> ReadAsync<T>(HttpRequest request)
        where T : Resource
    {
        ArgumentNullException.ThrowIfNull(request);
        using var reader = new StreamReader(request.Body);
        var json = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        // Firely's converter throws InvalidOperationException on a root that is not an object ("[]"), an exception
        // too general to catch safely, so the root's shape is checked here first.
        if (string.IsNullOrWhiteSpace(json) || json.TrimStart()[0] != '{')
        {
            return (null, FhirResults.Outcome(StatusCodes.Status400BadRequest, $"The body must be a FHIR {typeof(T).Name}: one JSON object.", InputRules.InvalidValue));
        }

        try
        {
            return (FhirJson.Parse<T>(json), null);
        }
        catch (DeserializationFailedException failed)
        {
            var outcome = new OperationOutcome();
            foreach (var error in failed.Exceptions)
            {
                outcome.Issue.Add(FhirOutcome.Issue(OperationOutcome.IssueType.Structure, error.Message, InputRules.InvalidValue, null));
            }

            return (null, new FhirResult(outcome, StatusCodes.Status400BadRequest));
        }
        catch (Exception error) when (error is JsonException or FormatException or NotSupportedException or InvalidCastException)
        {
            return (null, FhirResults.Outcome(StatusCodes.Status400BadRequest, $"The body is not a FHIR {typeof(T).Name}: {error.Message}", InputRules.InvalidValue));
        }
    }
}
