using Microsoft.Extensions.Logging;
using Platform.Messaging;

namespace Integration.IntegrationTests.Reliability;

/// <summary>
/// The relay never skips a committed event: a transaction that took its event sequence number first but commits
/// after a later one, and after the daemon's stale-sequence threshold (3 s), is still published.
/// </summary>
public sealed class LateCommitTests
{
    private static HoldPlaced Hold() => new(
        Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), SafetyHoldTrigger.AdverseEvent, "Serious adverse event", Guid.NewGuid(), DateTimeOffset.UtcNow);

    [Fact]
    public async Task An_event_committed_after_a_later_one_and_past_the_stale_threshold_is_still_published()
    {
        var prefix = ServiceHost.NewEntityPrefix();
        await using var listener = await TestBus.StartAsync(prefix, typeof(SafetyHoldPlaced));
        await using var service = await ServiceHost.StartAsync<IntegrationServiceMarker>(
            prefix,
            configureServices: s => s.AddSingleton(sp => new PostCommitPublisher(
                sp.GetRequiredService<MassTransit.IBus>(), sp.GetRequiredService<IIntegrationEventMap>(),
                sp.GetRequiredService<ILogger<PostCommitPublisher>>()) { Enabled = false }));
        var late = Hold();
        var early = Hold();
        var before = await LastSequenceAsync(service.Store);

        // The late hold is appended (its sequence number taken), then its transaction stays open for 8 s.
        var lateCommit = Task.Run(async () =>
        {
            await using var session = service.Store.LightweightSession(ClinicScope.Development);
            session.Events.StartStream(late.CourseId, late);
            session.QueueSqlCommand("select count(*) from pg_sleep(8)");
            await session.SaveChangesAsync();
        });

        // Sequence numbers are handed out outside transactions, so the open one's number shows at once; only then
        // does the early hold append, and it is sure to take the higher number however slow the machine is.
        await Eventually.Async(
            async () => await LastSequenceAsync(service.Store) > before ? "taken" : null,
            TimeSpan.FromSeconds(30),
            "the late hold to take its sequence number");
        await using (var session = service.Store.LightweightSession(ClinicScope.Development))
        {
            session.Events.StartStream(early.CourseId, early);
            await session.SaveChangesAsync();
        }

        await lateCommit;
        await Eventually.Async(
            () => Task.FromResult(listener.Received<SafetyHoldPlaced>().FirstOrDefault(m => m.Message.HoldId == late.HoldId)),
            TimeSpan.FromSeconds(60),
            "the late-committing hold to be published");
        Assert.Contains(listener.Received<SafetyHoldPlaced>(), m => m.Message.HoldId == early.HoldId);

        // Proof the gap was real: the late hold holds the lower sequence number, committed after the higher one.
        await using var query = service.Store.QuerySession(ClinicScope.Development);
        var lateSequence = (await query.Events.FetchStreamAsync(late.CourseId)).Single().Sequence;
        var earlySequence = (await query.Events.FetchStreamAsync(early.CourseId)).Single().Sequence;
        Assert.True(lateSequence < earlySequence, $"late {lateSequence} should precede early {earlySequence}");
    }

    private static async Task<long> LastSequenceAsync(IDocumentStore store)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"select case when is_called then last_value else 0 end from {store.Options.Events.DatabaseSchemaName}.mt_events_sequence";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
