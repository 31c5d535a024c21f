using MassTransit;

namespace Integration.IntegrationTests.Reliability;

/// <summary>
/// A message that could not be applied lands in its _error queue, readiness says so, and an operator sees it (no
/// body) and moves it back once the cause is fixed, where it is consumed.
/// </summary>
public sealed class FaultedMessageTests
{
    // Under the services' own broker users (every test.sh and CI run) this is the owner check's replay path: the replay
    // carries this service's user_id and the original publisher in a header that only this service can have written.
    [Fact]
    public async Task A_message_that_faulted_into_its_error_queue_is_listed_and_after_replay_consumed()
    {
        var prefix = ServiceHost.NewEntityPrefix();
        var outage = new ConsumerOutage { Failure = () => new InvalidOperationException(ConsumerOutage.Reason) };
        await using var service = await ServiceHost.StartAsync<IntegrationServiceMarker>(
            prefix, configureServices: s => s.AddSingleton<IConfigureReceiveEndpoint>(outage));
        await using var bus = await TestBus.StartAsync(prefix);
        var approval = ContractBuilders.Approval();
        var messageId = Guid.NewGuid();
        await bus.PublishAsync(approval, messageId);

        var operatorClient = service.ClientFor(Roles.Operator, "operator-1");
        var faulted = await Eventually.Async<JsonElement?>(
            async () => (await operatorClient.GetFromJsonAsync<JsonElement>("/operations/error-queues")).EnumerateArray()
                .Where(m => m.GetProperty("messageId").GetString() == messageId.ToString()).Select(m => (JsonElement?)m).FirstOrDefault(),
            TimeSpan.FromSeconds(60),
            "the approval to fault into the error queue");
        var endpoint = prefix + "open-outcome-record-on-approval";
        Assert.Equal(endpoint + "_error", faulted!.Value.GetProperty("queue").GetString());
        Assert.Contains("patient-approved-for-treatment", faulted.Value.GetProperty("messageType").GetString(), StringComparison.Ordinal);
        Assert.Contains(ConsumerOutage.Reason, faulted.Value.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(JsonValueKind.Null, faulted.Value.GetProperty("faultedAt").ValueKind);
        Assert.False(faulted.Value.TryGetProperty("body", out _));

        var errors = await Readiness.CheckAsync(service, "error-queues", c => c.Status == "Degraded");
        Assert.Contains(endpoint + "_error: 1", errors.Description, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, errors.HttpStatus);
        Assert.Equal(HttpStatusCode.OK, (await service.CreateClient().GetAsync("/health/live")).StatusCode);
        Assert.Null(await Load(service, approval.CourseId));

        outage.Failure = null;
        var replayed = await operatorClient.PostAsync($"/operations/error-queues/{endpoint}/replay?messageId={messageId}", null);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Equal(1, (await replayed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed").GetInt32());

        await Eventually.Async(() => Load(service, approval.CourseId), what: "the replayed approval to open the outcome record");
        await Readiness.CheckAsync(service, "error-queues", c => c.Status == "Healthy");
        Assert.Equal(HttpStatusCode.NotFound, (await operatorClient.PostAsync("/operations/error-queues/someone-elses-queue/replay", null)).StatusCode);
    }

    // The operator looks at one endpoint's error queue and replays under the ETag of that look: a message that faulted
    // after the look (a second bug, perhaps) is not replayed unseen; the replay is refused whole until they look again.
    [Fact]
    public async Task A_replay_under_the_ETag_of_the_listed_queue_is_refused_once_another_message_faulted()
    {
        var prefix = ServiceHost.NewEntityPrefix();
        var outage = new ConsumerOutage { Failure = () => new InvalidOperationException(ConsumerOutage.Reason) };
        await using var service = await ServiceHost.StartAsync<IntegrationServiceMarker>(
            prefix, configureServices: s => s.AddSingleton<IConfigureReceiveEndpoint>(outage));
        await using var bus = await TestBus.StartAsync(prefix);
        var endpoint = prefix + "open-outcome-record-on-approval";
        var operatorClient = service.ClientFor(Roles.Operator, "operator-1");

        var seen = ContractBuilders.Approval();
        await bus.PublishAsync(seen, Guid.NewGuid());
        var look = await ListedAsync(operatorClient, endpoint, 1, "the first approval to fault");
        var etag = look.Headers.ETag!.Tag;

        var unseen = ContractBuilders.Approval();
        await bus.PublishAsync(unseen, Guid.NewGuid());
        await ListedAsync(operatorClient, endpoint, 2, "the second approval to fault");
        outage.Failure = null;

        await ProblemAssert.ProblemAsync(await ReplayAsync(operatorClient, endpoint, etag), HttpStatusCode.PreconditionFailed);
        var stillThere = await ListedAsync(operatorClient, endpoint, 2, "both approvals to stay in the error queue");
        Assert.Null(await Load(service, seen.CourseId));
        Assert.Null(await Load(service, unseen.CourseId));

        await ProblemAssert.ProblemAsync(await ReplayAsync(operatorClient, endpoint, "not-an-etag"), HttpStatusCode.BadRequest);
        Assert.Null((await operatorClient.GetAsync(new Uri("/operations/error-queues", UriKind.Relative))).Headers.ETag);
        Assert.Equal(HttpStatusCode.NotFound, (await operatorClient.GetAsync(new Uri("/operations/error-queues?endpoint=someone-elses-queue", UriKind.Relative))).StatusCode);

        var replayed = await ReplayAsync(operatorClient, endpoint, stillThere.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Equal(2, (await replayed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed").GetInt32());
        await Eventually.Async(() => Load(service, seen.CourseId), what: "the replayed first approval to open its outcome record");
        await Eventually.Async(() => Load(service, unseen.CourseId), what: "the replayed second approval to open its outcome record");
    }

    /// <summary>The endpoint's error queue once it lists <paramref name="count"/> messages (its ETag names them).</summary>
    private static Task<HttpResponseMessage> ListedAsync(HttpClient client, string endpoint, int count, string what) =>
        Eventually.Async(
            async () =>
            {
                var response = await client.GetAsync(new Uri($"/operations/error-queues?endpoint={endpoint}", UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength() == count ? response : null;
            },
            TimeSpan.FromSeconds(60),
            what);

    private static async Task<HttpResponseMessage> ReplayAsync(HttpClient client, string endpoint, string ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/operations/error-queues/{endpoint}/replay");
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await client.SendAsync(request);
    }

    private static async Task<CourseOutcome?> Load(ServiceHost<IntegrationServiceMarker> service, Guid courseId)
    {
        await using var session = service.Store.QuerySession(ClinicScope.Development);
        return await session.LoadAsync<CourseOutcome>(courseId);
    }
}
