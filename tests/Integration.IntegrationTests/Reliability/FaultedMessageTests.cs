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

    private static async Task<CourseOutcome?> Load(ServiceHost<IntegrationServiceMarker> service, Guid courseId)
    {
        await using var session = service.Store.QuerySession(ClinicScope.Development);
        return await session.LoadAsync<CourseOutcome>(courseId);
    }
}
