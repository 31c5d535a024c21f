namespace Integration.IntegrationTests;

/// <summary>Assertions on problem responses, which name fields (400) or rule ids (422).</summary>
internal static class Http
{
    public static Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected) =>
        ProblemAssert.ProblemAsync(response, expected);

    public static Task AssertFieldErrorAsync(this HttpResponseMessage response, string field) =>
        ProblemAssert.FieldErrorAsync(response, field);

    public static Task AssertRuleAsync(this HttpResponseMessage response, string ruleId) =>
        ProblemAssert.RefusedAsync(response, HttpStatusCode.UnprocessableEntity, ruleId);

    public static Guid Id(this JsonElement accepted) => accepted.GetProperty("id").GetGuid();

    public static Task<T?> GetJsonAsync<T>(this HttpClient client, string url) =>
        client.GetFromJsonAsync<T>(url, IntegrationApp.Json);
}
