namespace Integration.IntegrationTests.Reliability;

/// <summary>One readiness check as /health/ready reports it, with the endpoint's HTTP status.</summary>
public sealed record ReadinessCheck(HttpStatusCode HttpStatus, string Status, string Description);

public static class Readiness
{
    /// <summary>Polls /health/ready until the named check satisfies the condition (the error-queue count is cached).</summary>
    public static Task<ReadinessCheck> CheckAsync<T>(ServiceHost<T> service, string check, Func<ReadinessCheck, bool> until, TimeSpan? timeout = null)
        where T : class
    {
        var client = service.CreateClient();
        return Eventually.Async(
            async () =>
            {
                using var response = await client.GetAsync("/health/ready");
                var report = await response.Content.ReadFromJsonAsync<JsonElement>();
                var entry = report.GetProperty("checks").GetProperty(check);
                var current = new ReadinessCheck(
                    response.StatusCode, entry.GetProperty("status").GetString()!, entry.GetProperty("description").GetString() ?? string.Empty);
                return until(current) ? current : null;
            },
            timeout ?? TimeSpan.FromSeconds(60),
            $"readiness check {check} to change");
    }
}
