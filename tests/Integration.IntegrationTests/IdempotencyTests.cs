using Platform.ServiceDefaults.Http;
using static Integration.IntegrationTests.IntegrationApp;
using static Platform.Testing.ServiceApp<Integration.Api.IntegrationServiceMarker>;

namespace Integration.IntegrationTests;

/// <summary>An Idempotency-Key never lies: the same request gets the original answer, another request a 409.</summary>
public sealed class IdempotencyTests(IntegrationApp service) : IClassFixture<IntegrationApp>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private static object AdverseEvent(string severity, DateTimeOffset occurredAt) => new {
        type = "Sedation",
        severity,
        occurredAt,
        actionTaken = "Observed",
        outcome = "Resolved",
    };

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body, options: Json) };
        request.Headers.Add(IdempotencyKey.Header, key);
        return client.SendAsync(request);
    }

    [Fact]
    public async Task An_adverse_event_replayed_with_the_same_key_but_another_severity_is_a_409_and_the_first_report_stands()
    {
        var courseId = await service.OpenCourseAsync(Now.AddDays(-10));
        var key = "ae-" + Guid.NewGuid();
        var at = Now.AddDays(-1);

        var first = await (await PostAsync(service.Medical, $"/courses/{courseId}/adverse-events", AdverseEvent("Mild", at), key)).JsonAsync(HttpStatusCode.OK);
        var worse = await PostAsync(service.Medical, $"/courses/{courseId}/adverse-events", AdverseEvent("Severe", at), key);

        var problem = await ProblemAssert.RefusedAsync(worse, HttpStatusCode.Conflict, IdempotencyKey.ReusedRuleId);
        Assert.Contains(key, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var course = (await service.LoadAsync(courseId))!;
        var recorded = Assert.Single(course.AdverseEvents);
        Assert.Equal(first.Id(), recorded.AdverseEventId);
        Assert.Equal(AdverseEventSeverity.Mild, recorded.Severity);
    }

    [Fact]
    public async Task An_adverse_event_retried_with_the_same_body_answers_the_original_status_id_and_version()
    {
        var courseId = await service.OpenCourseAsync(Now.AddDays(-10));
        var key = "ae-" + Guid.NewGuid();
        var body = AdverseEvent("Moderate", Now.AddDays(-1));

        using var first = await PostAsync(service.Medical, $"/courses/{courseId}/adverse-events", body, key);
        using var retry = await PostAsync(service.Medical, $"/courses/{courseId}/adverse-events", body, key);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.ETag, retry.Headers.ETag);
        Assert.Single((await service.LoadAsync(courseId))!.AdverseEvents);
    }

    [Fact]
    public async Task Concurrent_outcomes_with_one_key_record_one_measurement_and_answer_it_or_a_409()
    {
        var courseId = await service.OpenCourseAsync(Now.AddDays(-10));
        var key = "phq9-" + Guid.NewGuid();
        var body = Phq9(12, Now.AddDays(-1));

        async Task<(HttpStatusCode Status, string Body)> SendAsync()
        {
            using var response = await PostAsync(service.Therapist, $"/courses/{courseId}/outcomes", body, key);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(SendAsync)));

        Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{(int)a.Status}: {a.Body}"));
        var ok = answers.Where(a => a.Status == HttpStatusCode.OK).Select(a => a.Body).Distinct().ToList();
        var answer = JsonDocument.Parse(Assert.Single(ok)).RootElement;
        var measurement = Assert.Single((await service.LoadAsync(courseId))!.Measurements);
        Assert.Equal(answer.Id(), measurement.MeasurementId);
    }
}
