using Platform.ServiceDefaults.Http;

namespace Scheduling.IntegrationTests;

/// <summary>An Idempotency-Key never lies: the same request gets the original answer, another request a 409.</summary>
public sealed class IdempotencyTests(SchedulingApp app) : IClassFixture<SchedulingApp>
{
    private Task<HttpResponseMessage> PostAsync(string path, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: SchedulingApp.Json) };
        request.Headers.Add(IdempotencyKey.Header, key);
        return app.Client().SendAsync(request);
    }

    private static object Staff(string name) => new {
        displayName = name,
        role = StaffRole.Therapist,
        credentials = new[] { SchedulingApp.Valid(CredentialKind.License) },
    };

    private static async Task AssertKeyReusedAsync(HttpResponseMessage response, string key)
    {
        var problem = await ProblemAssert.RefusedAsync(response, HttpStatusCode.Conflict, IdempotencyKey.ReusedRuleId);
        Assert.Contains(key, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_staff_member_posted_again_with_the_key_and_another_body_is_a_409_and_is_not_overwritten()
    {
        var key = "staff-" + Guid.NewGuid();
        using var first = await PostAsync("/staff", Staff("Dana First"), key);
        using var retry = await PostAsync("/staff", Staff("Dana First"), key);
        using var other = await PostAsync("/staff", Staff("Someone Else"), key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        var id = (await first.Content.ReadFromJsonAsync<Created>(SchedulingApp.Json))!.Id;
        Assert.Equal(id, (await retry.Content.ReadFromJsonAsync<Created>(SchedulingApp.Json))!.Id);
        await AssertKeyReusedAsync(other, key);
        await using var query = app.Host.Store.QuerySession(ClinicScope.Development);
        Assert.Equal("Dana First", (await query.LoadAsync<StaffMember>(id))!.DisplayName);
    }

    [Fact]
    public async Task A_room_posted_again_with_the_key_and_another_body_is_a_409_and_is_not_overwritten()
    {
        var key = "room-" + Guid.NewGuid();
        using var first = await PostAsync("/rooms", new { name = "Room A" }, key);
        using var other = await PostAsync("/rooms", new { name = "Room B" }, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await AssertKeyReusedAsync(other, key);
        var id = (await first.Content.ReadFromJsonAsync<Created>(SchedulingApp.Json))!.Id;
        await using var query = app.Host.Store.QuerySession(ClinicScope.Development);
        Assert.Equal("Room A", (await query.LoadAsync<Room>(id))!.Name);
    }

    [Fact]
    public async Task Concurrent_bookings_with_one_key_book_one_session_and_answer_it_or_a_409()
    {
        var therapist = await app.StaffAsync(StaffRole.Therapist);
        var courseId = await app.OpenCourseAsync();
        await app.MatchAsync(courseId, therapist);
        var key = "booking-" + Guid.NewGuid();
        var body = new { kind = SessionKind.Preparation, start = app.LocalAt(days: 2, hour: 10), end = app.LocalAt(days: 2, hour: 11) };

        async Task<(HttpStatusCode Status, string Body)> BookAsync()
        {
            using var response = await PostAsync($"/courses/{courseId}/sessions", body, key);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(BookAsync)));

        Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{(int)a.Status}: {a.Body}"));
        var ok = answers.Where(a => a.Status == HttpStatusCode.OK).Select(a => a.Body).Distinct().ToList();
        var sessionId = JsonDocument.Parse(Assert.Single(ok)).RootElement.GetProperty("sessionId").GetGuid();
        await using var query = app.Host.Store.QuerySession(ClinicScope.Development);
        var course = (await query.LoadAsync<TreatmentCourse>(courseId))!;
        Assert.Equal(sessionId, Assert.Single(course.Sessions).SessionId);
    }
}
