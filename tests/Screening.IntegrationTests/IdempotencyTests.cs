using Marten;
using Platform.ServiceDefaults.Identity;
using Screening.Api.Screenings;
using static Platform.Testing.ScreeningApi;

namespace Screening.IntegrationTests;

/// <summary>An Idempotency-Key never lies: the same request gets the original answer, another request a 409.</summary>
public sealed class IdempotencyTests(ScreeningApp fixture) : IClassFixture<ScreeningApp>
{
    private readonly HttpClient intake = fixture.Host.ClientFor(Roles.Intake, "intake-idem");
    private readonly HttpClient prescriber = fixture.Host.ClientFor(Roles.Prescriber, "prescriber-idem");

    private static HttpRequestMessage Post(string path, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: Json) };
        request.Headers.Add(IdempotencyKey.Header, key);
        return request;
    }

    [Fact]
    public async Task Fifty_concurrent_referrals_with_one_key_store_one_screening_and_every_answer_is_the_same_or_a_409()
    {
        var key = Guid.NewGuid().ToString();
        var body = Referral();

        async Task<(HttpStatusCode Status, string Body)> ReferAsync()
        {
            using var request = Post("/screenings", body, key);
            using var response = await intake.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(ReferAsync)));

        var created = answers.Where(a => a.Status is HttpStatusCode.Created).ToList();
        Assert.NotEmpty(created);
        Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{(int)a.Status}: {a.Body}"));
        Assert.Single(created.Select(a => a.Body).Distinct());

        var accepted = JsonSerializer.Deserialize<ReferralAccepted>(created[0].Body, Json)!;
        await using var session = fixture.Host.Store.QuerySession(ClinicScope.Development);
        Assert.Equal(1, await session.Query<ScreeningCase>().CountAsync(s => s.PatientId == accepted.PatientId));
        Assert.NotNull(await session.LoadAsync<ScreeningCase>(accepted.Id));
    }

    [Fact]
    public async Task A_retried_referral_answers_the_original_status_and_ids_and_another_body_with_the_key_is_a_409_naming_it()
    {
        var key = "referral-" + Guid.NewGuid();
        var body = Referral();

        using var first = await intake.SendAsync(Post("/screenings", body, key));
        using var retry = await intake.SendAsync(Post("/screenings", body, key));
        using var other = await intake.SendAsync(Post("/screenings", Referral("Ptsd"), key));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        var problem = await ProblemAssert.RefusedAsync(other, HttpStatusCode.Conflict, IdempotencyKey.ReusedRuleId);
        Assert.Contains(key, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retried_approval_answers_the_course_id_it_opened()
    {
        var screening = await ScreeningApi.ReferAsync(intake);
        await RecordSafeIntakeAsync(intake, screening.Id);
        var key = Guid.NewGuid().ToString();

        using var first = await prescriber.SendAsync(Post($"/screenings/{screening.Id}/approval", new { }, key));
        using var retry = await prescriber.SendAsync(Post($"/screenings/{screening.Id}/approval", new { }, key));

        await ExpectAsync(first, HttpStatusCode.OK);
        await ExpectAsync(retry, HttpStatusCode.OK);
        var original = (await first.Content.ReadFromJsonAsync<ApprovalAccepted>(Json))!;
        var replayed = (await retry.Content.ReadFromJsonAsync<ApprovalAccepted>(Json))!;
        Assert.Equal(original, replayed);
        Assert.Equal(first.Headers.ETag, retry.Headers.ETag);
        var detail = await GetAsync<Screening.Api.Queries.ScreeningDetail>(prescriber, $"/screenings/{screening.Id}");
        Assert.Equal(original.CourseId, detail.Approval!.CourseId);
    }

    [Fact]
    public async Task The_stored_record_holds_hashes_not_the_patients_details()
    {
        var key = "phi-" + Guid.NewGuid();
        using var response = await intake.SendAsync(Post("/screenings", Referral(), key));
        await ExpectAsync(response, HttpStatusCode.Created);

        await using var session = fixture.Host.Store.QuerySession(ClinicScope.Development);
        var records = await session.Query<IdempotencyRecord>().ToListAsync();
        var json = JsonSerializer.Serialize(records);
        Assert.NotEmpty(records);
        Assert.DoesNotContain("Alex Example", json, StringComparison.Ordinal);
        Assert.DoesNotContain("alex@example.org", json, StringComparison.Ordinal);
        Assert.DoesNotContain(key, json, StringComparison.Ordinal);
    }
}
