namespace Integration.IntegrationTests;

/// <summary>Assertions on problem responses, which name fields (400) or rule ids (422).</summary>
internal static class Http
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task AssertFieldErrorAsync(this HttpResponseMessage response, string field)
    {
        var problem = await response.JsonAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"Expected an error for '{field}', got {errors}");
    }

    public static async Task AssertRuleAsync(this HttpResponseMessage response, string ruleId)
    {
        var problem = await response.JsonAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(ruleId, problem.GetProperty("ruleId").GetString());
    }

    public static Guid Id(this JsonElement accepted) => accepted.GetProperty("id").GetGuid();

    public static Task<T?> GetJsonAsync<T>(this HttpClient client, string url) =>
        client.GetFromJsonAsync<T>(url, IntegrationApp.Json);
}
