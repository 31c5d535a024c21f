using System.Net;
using System.Text.Json;

namespace Platform.Testing;

/// <summary>What every service answers to input it cannot read: 400, a rule id, the field, plain words.</summary>
public static class ProblemAssert
{
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
