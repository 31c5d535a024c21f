using JasperFx.Events;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Outbox;

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
        await using var listener = await TestBus.StartAsync(prefix, typeof(SafetyHoldPlaced));
        await using var service = await ServiceHost.StartAsync<IntegrationServiceMarker>(
            prefix, configureServices: s => s.AddSingleton<IIntegrationEventMap>(new PoisonedMap()));

        var poison = Hold(PoisonReason);
        var safe = Hold("Serious adverse event");
        Guid poisonId;
        await using (var session = service.Store.LightweightSession())
        {
            poisonId = session.Events.StartStream(poison.CourseId, poison).Events[0].Id;
            await session.SaveChangesAsync();
        }

        await using (var session = service.Store.LightweightSession())
        {
            session.Events.StartStream(safe.CourseId, safe);
            await session.SaveChangesAsync();
        }

        await Eventually.Async(
            () => Task.FromResult(listener.Received<SafetyHoldPlaced>().FirstOrDefault(m => m.Message.HoldId == safe.HoldId)),
            TimeSpan.FromSeconds(60),
            "the later safety hold to be published");

        await using var query = service.Store.QuerySession();
        var parked = await query.LoadAsync<ParkedEvent>(poisonId);
        Assert.NotNull(parked);
        Assert.Equal("hold_placed", parked.EventType);
        Assert.Contains("InvalidOperationException", parked.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(poison.Reason, parked.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(listener.Received<SafetyHoldPlaced>(), m => m.Message.HoldId == poison.HoldId);
    }

    /// <summary>The service's own map, except that it cannot map the poisoned hold (as a bug in a mapping would).</summary>
    internal sealed class PoisonedMap : IIntegrationEventMap
    {
        private readonly IntegrationEventMap real = new();

        public object? ToContract(IEvent @event) =>
            @event.Data is HoldPlaced { Reason: PoisonReason }
                ? throw new InvalidOperationException("The mapping has a bug for this event.")
                : real.ToContract(@event);
    }
}
