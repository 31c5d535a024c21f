using JasperFx.Events;
using Microsoft.Extensions.Logging;
using Platform.Messaging;

namespace Integration.IntegrationTests.Reliability;

/// <summary>
/// An event the relay can never turn into a message is parked with its error, and the events after it (a safety
/// hold above all) are still published: one bad event must not silence the safety loop.
/// </summary>
public sealed class PoisonEventTests
{
    private const string PoisonReason = "poison: this hold's mapping throws";

    private static HoldPlaced Hold(string reason) => new(
        Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), SafetyHoldTrigger.AdverseEvent, reason, Guid.NewGuid(), DateTimeOffset.UtcNow);

    [Fact]
    public async Task An_event_whose_mapping_throws_is_parked_and_a_later_safety_hold_is_still_published()
    {
        var prefix = ServiceHost.NewEntityPrefix();
        var map = new PoisonedMap();
        await using var listener = await TestBus.StartAsync(prefix, typeof(SafetyHoldPlaced));
        await using var service = await ServiceHost.StartAsync<IntegrationServiceMarker>(
            prefix,
            configureServices: s =>
            {
                s.AddSingleton<IIntegrationEventMap>(map);
                // The durable relay alone, so the test proves it publishes past the poison (not the fast path).
                s.AddSingleton(sp => new PostCommitPublisher(
                    sp.GetRequiredService<MassTransit.IBus>(), map, sp.GetRequiredService<ILogger<PostCommitPublisher>>()) { Enabled = false });
            });

        var poison = Hold(PoisonReason);
        var safe = Hold("Serious adverse event");
        Guid poisonId;
        await using (var session = service.Store.LightweightSession(ClinicScope.Development))
        {
            poisonId = session.Events.StartStream(poison.CourseId, poison).Events[0].Id;
            await session.SaveChangesAsync();
        }

        await using (var session = service.Store.LightweightSession(ClinicScope.Development))
        {
            session.Events.StartStream(safe.CourseId, safe);
            await session.SaveChangesAsync();
        }

        await Eventually.Async(
            () => Task.FromResult(listener.Received<SafetyHoldPlaced>().FirstOrDefault(m => m.Message.HoldId == safe.HoldId)),
            TimeSpan.FromSeconds(60),
            "the later safety hold to be published");

        // The relay saves a page's parked events after publishing the rest of the page, so the record may follow the hold.
        await using var query = service.Store.QuerySession(ClinicScope.Development);
        var parked = await Eventually.Async(() => query.LoadAsync<ParkedEvent>(poisonId), TimeSpan.FromSeconds(30), "the poison event to be parked");
        Assert.Equal("hold_placed", parked.EventType);
        Assert.Contains("InvalidOperationException", parked.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(poison.Reason, parked.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(listener.Received<SafetyHoldPlaced>(), m => m.Message.HoldId == poison.HoldId);

        // Readiness says so (liveness does not: restarting would not help), and the operator sees and replays it.
        var outbox = await Readiness.CheckAsync(service, "outbox", c => c.Status == "Degraded");
        Assert.Contains("1 parked event", outbox.Description, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, outbox.HttpStatus);
        Assert.Equal(HttpStatusCode.OK, (await service.CreateClient().GetAsync("/health/live")).StatusCode);

        var operatorClient = service.ClientFor(Roles.Operator, "operator-1");
        var listed = await operatorClient.GetFromJsonAsync<JsonElement>("/operations/parked-events");
        var item = Assert.Single(listed.GetProperty("items").EnumerateArray());
        Assert.Equal(poisonId, item.GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.Forbidden, (await service.ClientFor(Roles.Therapist).GetAsync("/operations/parked-events")).StatusCode);

        var refused = await operatorClient.PostAsync($"/operations/parked-events/{poisonId}/replay", null);
        await ProblemAssert.RefusedAsync(refused, HttpStatusCode.Conflict, "operations.event-not-publishable");

        map.Fixed = true;
        var replayed = await operatorClient.PostAsync($"/operations/parked-events/{poisonId}/replay", null);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        var delivered = await Eventually.Async(
            () => Task.FromResult(listener.Received<SafetyHoldPlaced>().FirstOrDefault(m => m.Message.HoldId == poison.HoldId)),
            TimeSpan.FromSeconds(60),
            "the replayed hold to be published");
        Assert.Equal(poisonId, delivered.MessageId);
        Assert.Empty((await operatorClient.GetFromJsonAsync<JsonElement>("/operations/parked-events")).GetProperty("items").EnumerateArray());
        await Readiness.CheckAsync(service, "outbox", c => c.Status == "Healthy");
    }

    /// <summary>The service's own map, except that it cannot map the poisoned hold (as a bug in a mapping would).</summary>
    internal sealed class PoisonedMap : IIntegrationEventMap
    {
        private readonly IntegrationEventMap real = new();

        /// <summary>The bug is fixed (a new release), so a replay can map the event.</summary>
        public volatile bool Fixed;

        public IReadOnlyList<object> ToContracts(IEvent @event) =>
            !Fixed && @event.Data is HoldPlaced { Reason: PoisonReason }
                ? throw new InvalidOperationException("The mapping has a bug for this event.")
                : real.ToContracts(@event);
    }
}
