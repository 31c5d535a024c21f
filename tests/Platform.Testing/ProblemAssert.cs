using System.Net;
using System.Text.Json;

namespace Platform.Testing;

/// <summary>
/// The one place tests read problem details: the status, the rule id of a refusal, the field errors of bad input.
/// Each returns the problem so a test can assert on the rest (its detail, a message's words).
/// </summary>
public static class ProblemAssert
{
    /// <summary>A problem answered with <paramref name="status"/> (the body in the message when it is not).</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>A refusal: <paramref name="status"/> (422, 409, 403...) naming <paramref name="ruleId"/>.</summary>
    public static Task<JsonElement> RefusedAsync(HttpResponseMessage response, HttpStatusCode status, string ruleId) =>
        RefusedAsync(response, [status], ruleId);

    /// <summary>A refusal with one of <paramref name="statuses"/> naming <paramref name="ruleId"/>.</summary>
    public static async Task<JsonElement> RefusedAsync(HttpResponseMessage response, IReadOnlyCollection<HttpStatusCode> statuses, string ruleId)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(statuses);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(statuses.Contains(response.StatusCode), $"expected {string.Join("/", statuses.Select(s => (int)s))}, got {(int)response.StatusCode}: {text}");
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.True(problem.TryGetProperty("ruleId", out var rule), $"expected rule {ruleId}, got no rule id: {text}");
        Assert.Equal(ruleId, rule.GetString());
        return problem;
    }

    /// <summary>Bad input: <paramref name="status"/> (400 unless said) with an error for <paramref name="field"/>; its messages.</summary>
    public static async Task<JsonElement> FieldErrorAsync(HttpResponseMessage response, string field, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        var problem = await ProblemAsync(response, status);
        Assert.True(
            problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _),
            $"expected a field error for '{field}', got {problem}");
        return problem.GetProperty("errors").GetProperty(field);
    }

    /// <summary>A 400 naming <paramref name="field"/> with <paramref name="ruleId"/> and never a .NET type name.</summary>
    public static async Task UnreadableAsync(HttpResponseMessage response, string field, string ruleId, string? words = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(ruleId, problem.GetProperty("ruleId").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), text);
        if (words is not null)
        {
            Assert.Contains(words, messages[0].GetString(), StringComparison.Ordinal);
        }

        foreach (var typeName in new[] { "Nullable", "System.", "DateTimeOffset", "Screening.Api", "Scheduling.Api", "Integration.Api", "`1" })
        {
            Assert.DoesNotContain(typeName, text, StringComparison.Ordinal);
        }
    }
}
