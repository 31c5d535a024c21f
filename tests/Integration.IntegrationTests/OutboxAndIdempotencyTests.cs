using Platform.Messaging;

namespace Integration.IntegrationTests;

/// <summary>
/// The foundation's delivery guarantees, proved against the real broker and database with the Integration
/// service as producer (its safety holds) and consumer (course approvals).
/// </summary>
public sealed class OutboxAndIdempotencyTests
{
    private static HoldPlaced Hold(Guid courseId) => new(
        courseId, Guid.NewGuid(), Guid.NewGuid(), SafetyHoldTrigger.AdverseEvent, "Serious adverse event", Guid.NewGuid(), DateTimeOffset.UtcNow);

    [Fact]
    public async Task An_event_committed_while_the_broker_is_unreachable_is_delivered_once_it_is_back()
    {
        var prefix = ServiceHost.NewEntityPrefix();
        var (_, rabbitMq) = await TestInfrastructure.ServersAsync();
        var broker = new Uri(rabbitMq);
        await using var proxy = new TcpProxy(broker.Host, broker.Port);
        proxy.Start();
        await using var listener = await TestBus.StartAsync(prefix, typeof(SafetyHoldPlaced));
        await using var service = await ServiceHost.StartAsync<IntegrationServiceMarker>(
            prefix, new UriBuilder(broker) { Host = "127.0.0.1", Port = proxy.Port }.Uri.ToString());

        await proxy.CutAsync();
        var hold = Hold(Guid.NewGuid());
        Guid eventId;
        await using (var session = service.Store.LightweightSession(ClinicScope.Development))
        {
            eventId = session.Events.StartStream(hold.CourseId, hold).Events[0].Id;
            await session.SaveChangesAsync();
        }

        // The daemon has seen the event (its high-water mark is past it) while the broker is cut: the relay holds it
        // instead of moving past it, and nothing has arrived.
        long sequence;
        await using (var query = service.Store.QuerySession(ClinicScope.Development))
        {
            sequence = (await query.Events.QueryAllRawEvents().SingleAsync(e => e.Id == eventId)).Sequence;
        }

        await Eventually.Async(
            async () => (await service.DaemonProgressAsync()).HighWaterMark >= sequence ? (object)true : null,
            TimeSpan.FromSeconds(30),
            "the daemon's high-water mark to pass the hold committed during the outage");
        Assert.True((await service.DaemonProgressAsync()).Relay < sequence, "the relay moved past an event it could not publish");
        Assert.Empty(listener.Received<SafetyHoldPlaced>());

        proxy.Start();
        var delivered = await Eventually.Async(
            () => Task.FromResult(listener.Received<SafetyHoldPlaced>().FirstOrDefault(m => m.Message.HoldId == hold.HoldId)),
            TimeSpan.FromSeconds(90),
            "the hold to be published after the broker came back");

        Assert.Equal(eventId, delivered.MessageId);
        Assert.Equal(hold.CourseId, delivered.Message.CourseId);
    }

    [Fact]
    public async Task A_message_delivered_twice_has_exactly_one_effect()
    {
        var prefix = ServiceHost.NewEntityPrefix();
        await using var service = await ServiceHost.StartAsync<IntegrationServiceMarker>(prefix);
        await using var bus = await TestBus.StartAsync(prefix);
        var approval = ContractBuilders.Approval();
        var messageId = Guid.NewGuid();
        using var consumed = service.Consumed<PatientApprovedForTreatment>();

        await bus.PublishAsync(approval, messageId);
        await bus.PublishAsync(approval, messageId);
        await bus.PublishAsync(approval with { }, messageId);

        await Eventually.Async(async () =>
        {
            await using var query = service.Store.QuerySession(ClinicScope.Development);
            return await query.LoadAsync<CourseOutcome>(approval.CourseId);
        }, what: "the course outcome record to open");

        // All three deliveries have been consumed (applied once, then found already applied): they changed nothing.
        await consumed.WaitForAsync(3);
        Assert.Equal(0, consumed.Faulted);
        await using var session = service.Store.QuerySession(ClinicScope.Development);
        var events = await session.Events.FetchStreamAsync(approval.CourseId);
        Assert.Single(events);
        Assert.Single(await session.Query<ProcessedMessage>().ToListAsync());
    }

    [Fact]
    public async Task A_command_that_is_rolled_back_publishes_nothing()
    {
        var prefix = ServiceHost.NewEntityPrefix();
        await using var listener = await TestBus.StartAsync(prefix, typeof(SafetyHoldPlaced));
        await using var service = await ServiceHost.StartAsync<IntegrationServiceMarker>(prefix);

        var rolledBack = Hold(Guid.NewGuid());
        await using (var session = service.Store.LightweightSession(ClinicScope.Development))
        {
            session.Events.StartStream(rolledBack.CourseId, rolledBack);
            // Disposed without SaveChanges: the transaction never commits.
        }

        var failed = Hold(Guid.NewGuid());
        await using (var session = service.Store.LightweightSession(ClinicScope.Development))
        {
            session.Events.StartStream(failed.CourseId, failed);
            session.Events.StartStream(failed.CourseId, Hold(failed.CourseId)); // same stream twice: the commit fails
            await Assert.ThrowsAnyAsync<Exception>(() => session.SaveChangesAsync());
        }

        var committed = Hold(Guid.NewGuid());
        await using (var session = service.Store.LightweightSession(ClinicScope.Development))
        {
            session.Events.StartStream(committed.CourseId, committed);
            await session.SaveChangesAsync();
        }

        await Eventually.Async(
            () => Task.FromResult(listener.Received<SafetyHoldPlaced>().FirstOrDefault(m => m.Message.HoldId == committed.HoldId)),
            what: "the committed hold to be published");
        // The relay has processed everything committed so far; a later hold, published after it and received, shows
        // that whatever the relay had sent before has arrived too.
        await service.CatchUpAsync();
        var marker = Hold(Guid.NewGuid());
        await using (var session = service.Store.LightweightSession(ClinicScope.Development))
        {
            session.Events.StartStream(marker.CourseId, marker);
            await session.SaveChangesAsync();
        }

        await Eventually.Async(
            () => Task.FromResult(listener.Received<SafetyHoldPlaced>().FirstOrDefault(m => m.Message.HoldId == marker.HoldId)),
            what: "the later marker hold to be published");

        var published = listener.Received<SafetyHoldPlaced>().Select(m => m.Message.HoldId).Order().ToList();
        Assert.Equal(new[] { committed.HoldId, marker.HoldId }.Order(), published);
    }
}
